using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Cli;

/// <summary><c>export --issue N</c> as an operator runs it: the reporters of one issue as CSV, or one line saying the number is wrong.</summary>
public sealed class IssueExportCommandTests
{
    [Test]
    public async Task ExportIssue_WritesEveryReport_AndAnUnknownIssueExitsTwoWithOneLine()
    {
        using var dir = new TempDirectory();
        var database = new Database(dir.File("bot.db"));
        database.Initialize();
        var repository = new FeedbackRepository(database);
        var at = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        var item = repository.Capture(
            new FeedbackCapture { Text = "Can I export invoices to Excel?", Customer = "Acme", ReporterId = "U0ANA00001", ReporterName = "ana", Importance = "high", Why = "audit, next week" },
            "user_experience", null, null, at).Item;
        repository.AddReport(item.Id, new FeedbackReport { ReporterId = "U0BEN00002", ReporterName = "ben", Text = "Globex asks too", Customer = "Globex", Why = "=1+1", CreatedAtMs = at.AddDays(1).ToUnixTimeMilliseconds() });
        var file = dir.File("issue.csv");

        var (code, output) = await BotInProcess.RunToExitAsync("export", "--issue", item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", file, "--db", database.Path);
        var (unknownCode, unknown) = await BotInProcess.RunToExitAsync("export", "--issue", "4242", "--db", database.Path);

        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain($"Exported 2 report(s) of issue #{item.Id}"));
        Assert.That(File.ReadAllText(file).Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            "issue,item,report,created_at,customer,reporter,reporter_id,words,importance,why,link",
            $"{item.Id},{item.Id},1,2026-11-02T09:00:00.000Z,Acme,ana,U0ANA00001,Can I export invoices to Excel?,high,\"audit, next week\",",
            $"{item.Id},{item.Id},2,2026-11-03T09:00:00.000Z,Globex,ben,U0BEN00002,Globex asks too,,\"'=1+1\",",
        }));
        Assert.That(unknownCode, Is.EqualTo(2), unknown);
        Assert.That(unknown.Trim(), Is.EqualTo("There is no feedback #4242. Check the number with `/feedback show 4242` or `/feedback list`."));
    }
}
