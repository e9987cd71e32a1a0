using System.Globalization;
using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Rotations.People;
using SlackFeedbackBot.Rotations.Planning;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary>
/// <c>/support stats [month]</c>: who has talked to a customer in the month (in the caller's zone): shifts served,
/// feedback captured, research conversations, and, kindly, who has not yet.
/// </summary>
public sealed class StatsSubcommand(CustomerContacts contacts, PeopleZones zones, TimeProvider time) : Subcommand<RawArguments>, ISupportSubcommand
{
    /// <summary>Lines shown before "…and N more" (an ephemeral message stays readable).</summary>
    public const int MaxLines = 60;

    public override string Name => "stats";

    public override string Usage => "`/support stats [month]`: who has talked to a customer this month (or e.g. `2026-11`)";

    public override RawArguments? TryParse(string arguments) => SupportArguments.OptionalRotation(arguments);

    public override async Task<SlackMessage?> RunAsync(SlashCommand command, RawArguments arguments, CancellationToken ct)
    {
        var zone = await zones.ZoneOfAsync(command.UserId, ct);
        var today = DateOnly.FromDateTime(LocalTimeResolver.ToLocal(time.GetUtcNow(), zone));
        if (!TryParseMonth(arguments.Text, today, out var month))
        {
            return SlackMessage.Ephemeral($"I couldn't read `{SlackText.Defuse(arguments.Text.Trim())}` as a month. Try `/support stats` for this month, or a month as year-month, e.g. `/support stats {today.AddMonths(-1):yyyy-MM}`.");
        }

        var from = LocalTimeResolver.ToUtc(month.ToDateTime(TimeOnly.MinValue), zone);
        var to = LocalTimeResolver.ToUtc(month.AddMonths(1).ToDateTime(TimeOnly.MinValue), zone);
        return SlackMessage.Ephemeral(Render(await contacts.InAsync(from, to), month, zone));
    }

    /// <summary>Nothing is this month; otherwise <c>yyyy-MM</c> (a month after this one has nothing to show yet).</summary>
    public static bool TryParseMonth(string text, DateOnly today, out DateOnly month)
    {
        var typed = text.Trim();
        month = new DateOnly(today.Year, today.Month, 1);
        if (typed.Length == 0)
        {
            return true;
        }

        if (!DateOnly.TryParseExact(typed, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) || parsed > month)
        {
            return false;
        }

        month = parsed;
        return true;
    }

    public static string Render(IReadOnlyList<CustomerContact> people, DateOnly month, TimeZoneInfo zone)
    {
        var title = $"*Who has talked to a customer in {month.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}* ({zone.Id})";
        if (people.Count == 0)
        {
            return $"{title}\nNobody is on a rotation yet and no feedback came in.";
        }

        var heard = people.Where(p => p.HasHeardCustomer).ToList();
        var quiet = people.Where(p => !p.HasHeardCustomer).Select(p => p.UserId).ToList();
        var lines = new List<string> { title };
        lines.AddRange(heard.Take(MaxLines).Select(p =>
            $"• {ShiftText.Mention(p.UserId)}: {Count(p.ShiftsServed, "shift")} served, {Count(p.FeedbackCaptured, "piece")} of feedback, {Count(p.ResearchConversations, "research conversation")}"));
        if (heard.Count > MaxLines)
        {
            lines.Add($"…and {heard.Count - MaxLines} more");
        }

        if (heard.Count == 0)
        {
            lines.Add("Nobody has heard a customer yet this month.");
        }

        if (quiet.Count > 0)
        {
            var names = string.Join(", ", quiet.Take(MaxLines).Select(ShiftText.Mention)) + (quiet.Count > MaxLines ? $" and {quiet.Count - MaxLines} more" : "");
            lines.Add($"Still to hear a customer: {names}. One support shift or one customer call does it.");
        }

        return string.Join("\n", lines);
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
