using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Digests;

namespace SlackFeedbackBot.Cli;

/// <summary>
/// <c>digest --from 2026-11-23 --to 2026-11-29 [--json|--text] [--area billing] [--db file]</c>: builds the digest of those
/// days (inclusive, in the configured Digests:TimeZone) from the database and prints it: as text, or with --json as the exact
/// chat.postMessage body (<c>text</c> and <c>blocks</c>). Bad input prints one line saying what is expected and exits with 2.
/// </summary>
public static class DigestCommand
{
    public const int BadInput = 2;
    private const string DateFormat = "yyyy-MM-dd";

    public static Command Create(BotConsole console)
    {
        var db = BotCommandLine.DbOption();
        var from = new Option<string?>("--from") { Description = $"First day of the digest ({DateFormat})." };
        var to = new Option<string?>("--to") { Description = $"Last day of the digest, included: --from 2026-11-16 --to 2026-11-22 is one week ({DateFormat})." };
        var json = new Option<bool>("--json") { Description = "Print the chat.postMessage body: {\"text\":…,\"blocks\":[…]}." };
        var text = new Option<bool>("--text") { Description = "Print plain text (the default)." };
        var area = new Option<string?>("--area") { Description = "Only this product area's feedback." };
        var command = new Command("digest", "Print the feedback digest of a date range from the database.") { from, to, json, text, area, db };
        command.SetAction((result, ct) =>
        {
            if (!TryReadDay(console, result.GetValue(from), "--from", out var first) || !TryReadDay(console, result.GetValue(to), "--to", out var last))
            {
                return Task.FromResult(BadInput);
            }

            if (last < first)
            {
                console.Error.WriteLine($"--to ({Day(last)}) is before --from ({Day(first)}). Give the first day, then the last one.");
                return Task.FromResult(BadInput);
            }

            if (result.GetValue(json) && result.GetValue(text))
            {
                console.Error.WriteLine("Choose one output: --json or --text.");
                return Task.FromResult(BadInput);
            }

            if (result.GetValue(db) is { } file && !file.Exists)
            {
                console.Error.WriteLine($"There is no database at {file.FullName}.");
                return Task.FromResult(BadInput);
            }

            return CliServices.RunAsync(console, result.GetValue(db), services =>
                Task.FromResult(Print(services, first, last, result.GetValue(area), result.GetValue(json), console.Out, console.Error)));
        });
        return command;
    }

    public static int Print(IServiceProvider services, DateOnly first, DateOnly last, string? typedArea, bool asJson, TextWriter output, TextWriter errors)
    {
        string? area = null;
        if (!string.IsNullOrWhiteSpace(typedArea))
        {
            area = services.GetRequiredService<DigestSubscriptionRules>().FindArea(typedArea);
            if (area is null)
            {
                var known = services.GetRequiredService<IOptions<ProductAreaOptions>>().Value.Areas.Select(a => a.Id);
                errors.WriteLine($"There is no product area called '{typedArea}'. Product areas: {string.Join(", ", known.DefaultIfEmpty("(none configured in ProductAreas)"))}.");
                return BadInput;
            }
        }

        var zoneId = services.GetRequiredService<IOptions<DigestOptions>>().Value.TimeZone;
        var zone = DigestSubscriptionRules.FindZone(zoneId) ?? TimeZoneInfo.Utc;
        var query = DigestQuery.ForDays(first, last, zone, new DigestFilter(null, area));
        var builder = services.GetRequiredService<DigestBuilder>();
        // People stay Slack ids here: the command asks Slack nothing.
        var digest = builder.Build(builder.LoadAsync(query, CancellationToken.None).GetAwaiter().GetResult());
        output.Write(asJson ? DigestJsonRenderer.Render(digest) + Environment.NewLine : DigestTextRenderer.Render(digest));
        return 0;
    }

    private static bool TryReadDay(BotConsole console, string? value, string option, out DateOnly day)
    {
        if (DateOnly.TryParseExact(value?.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return true;
        }

        console.Error.WriteLine(value is null
            ? $"{option} is missing: expected a date as {DateFormat}, e.g. {option} 2026-11-23."
            : $"{option} '{value}' is not a date: expected {DateFormat}, e.g. {option} 2026-11-23.");
        return false;
    }

    private static string Day(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);
}
