using System.CommandLine;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Slack.Directory;

namespace SlackFeedbackBot.Cli;

/// <summary><c>import &lt;file.csv&gt;</c> and <c>export [--issue N] [--out file.csv]</c> of feedback, for people who work in spreadsheets.</summary>
public static class ImportExportCommands
{
    public static Command Import(BotConsole console)
    {
        var db = BotCommandLine.DbOption();
        var file = new Argument<FileInfo>("file") { Description = "A CSV file with a `text` column; optional: created_at, customer, reporter, source, bucket." };
        var command = new Command("import", "Import past feedback from a CSV file. Nothing is imported when any row is unreadable; importing a file twice adds nothing.") { file, db };
        command.SetAction((result, ct) => CliServices.RunAsync(console, result.GetValue(db), services =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                console.Error.WriteLine($"No such file: {path.FullName}");
                return Task.FromResult(2);
            }

            if (!CsvFileText.TryDecode(File.ReadAllBytes(path.FullName), path.Name, out var decoded, out var encodingError))
            {
                console.Error.WriteLine($"Nothing imported: {encodingError}");
                return Task.FromResult(1);
            }

            if (!decoded.IsUtf8)
            {
                console.Out.WriteLine($"Read {path.Name} as {decoded.EncodingName}: it is not UTF-8.");
            }

            var outcome = services.GetRequiredService<FeedbackImporter>().Import(new StringReader(decoded.Text));
            if (!outcome.Succeeded)
            {
                console.Error.WriteLine($"Nothing imported: {outcome.Problems.Count} problem(s) in {path.Name}:");
                foreach (var problem in outcome.Problems)
                {
                    console.Error.WriteLine("  " + problem);
                }

                return Task.FromResult(1);
            }

            console.Out.WriteLine($"Imported {outcome.Added} new item(s) from {outcome.Rows} row(s); {outcome.AlreadyThere} were already there.");
            return Task.FromResult(0);
        }));
        return command;
    }

    public static Command Export(BotConsole console)
    {
        var db = BotCommandLine.DbOption();
        var output = new Option<FileInfo?>("--out") { Description = "Write to this file instead of standard output." };
        var issue = new Option<long?>("--issue")
        {
            Description = "Only this issue: every report of it (merged items included), with customer, reporter, words, importance, why, date and link.",
        };
        var command = new Command("export", "Export all feedback, with every field, as CSV; or, with --issue N, the reporters of one issue.") { output, issue, db };
        command.SetAction((result, ct) => CliServices.RunAsync(console, result.GetValue(db), async services =>
            result.GetValue(issue) is { } issueId
                ? await ExportIssueAsync(console, services.GetRequiredService<IssueReportsExporter>(), CliPeopleNames.For(services), issueId, result.GetValue(output), ct)
                : await ExportAllAsync(console, services.GetRequiredService<FeedbackExporter>(), CliPeopleNames.For(services), result.GetValue(output), ct)));
        return command;
    }

    private static async Task<int> ExportAllAsync(BotConsole console, FeedbackExporter exporter, IPersonNames names, FileInfo? file, CancellationToken ct)
    {
        if (file is null)
        {
            await exporter.ExportAsync(console.Out, names, ct);
            return 0;
        }

        await using var writer = new StreamWriter(file.FullName);
        var count = await exporter.ExportAsync(writer, names, ct);
        console.Error.WriteLine($"Exported {count} item(s) to {file.FullName}.");
        return 0;
    }

    private static async Task<int> ExportIssueAsync(BotConsole console, IssueReportsExporter exporter, IPersonNames names, long issueId, FileInfo? file, CancellationToken ct)
    {
        var csv = new StringWriter();
        if (await exporter.ExportAsync(issueId, csv, names, ct) is not { } count)
        {
            // Nothing is written, not even an empty file, so a typo never looks like an issue nobody reported.
            console.Error.WriteLine($"There is no feedback #{issueId}. Check the number with `/feedback show {issueId}` or `/feedback list`.");
            return 2;
        }

        if (file is null)
        {
            console.Out.Write(csv.ToString());
            return 0;
        }

        File.WriteAllText(file.FullName, csv.ToString());
        console.Error.WriteLine($"Exported {count} report(s) of issue #{issueId} to {file.FullName}.");
        return 0;
    }
}
