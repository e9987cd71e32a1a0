using System.Globalization;
using System.Text;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Digests;

public enum DigestPartKind
{
    Header,
    Context,
    Fields,
    Text,
    Divider,
}

/// <summary>One piece of the Slack layout: a header, small print, a set of fields, a mrkdwn section or a divider.</summary>
public sealed record DigestPart(DigestPartKind Kind, string Text = "", IReadOnlyList<string>? Fields = null);

/// <summary>
/// Lays a digest out as Slack mrkdwn parts, each within Block Kit's limits: headers ≤ 150 characters, sections
/// split at line boundaries below 3,000, at most ten fields of ≤ 2,000, and no more parts than a message's 50 blocks.
/// All text that came from people is defused (<see cref="SlackText"/>) so quoting a message pings no one.
/// </summary>
public static class DigestLayout
{
    public const int MaxParts = 50;
    public const int MaxHeader = 150;
    public const int MaxSection = 3000;
    public const int MaxFields = 10;
    public const int MaxField = 2000;
    public const int MaxFallbackText = 4000;

    // People's text is cut before it is escaped, so a cut never splits an entity or a link.
    private const int MaxQuote = 300;
    private const int MaxName = 100;

    public static IReadOnlyList<DigestPart> Parts(Digest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var parts = new List<DigestPart>
        {
            new(DigestPartKind.Header, SlackText.Truncate(digest.Title, MaxHeader)),
            new(DigestPartKind.Context, SlackText.Truncate(
                $"{DigestTextRenderer.PeriodRange(digest.Period)} · {Plural.Of(digest.TotalReports, "report")} · "
                + $"change since {DigestTextRenderer.Comparison(digest.Period)} in brackets", MaxSection)),
        };

        if (digest.Buckets.Count > 0)
        {
            var fields = digest.Buckets.Select(bucket =>
                $"*{Name(bucket.DisplayName)}*\n{bucket.Delta.Current} ({bucket.Delta.Text})").ToList();
            if (fields.Count > MaxFields)
            {
                fields = [.. fields.Take(MaxFields - 1), $"…and {fields.Count - (MaxFields - 1)} more buckets"];
            }
            parts.Add(new DigestPart(DigestPartKind.Fields, Fields: fields.Select(field => SlackText.Truncate(field, MaxField)).ToList()));
        }

        foreach (var bucket in digest.Buckets.Where(bucket => bucket.TopIssues.Count > 0))
        {
            parts.Add(new DigestPart(DigestPartKind.Divider));
            var lines = new List<string> { $"*Top {Name(bucket.DisplayName)} issues*" };
            var rank = 1;
            lines.AddRange(bucket.TopIssues.Select(issue => IssueLine(rank++, issue)));
            if (bucket.IssuesNotShown > 0)
            {
                lines.Add($"_…and {Plural.Of(bucket.IssuesNotShown, "more issue")}_");
            }
            parts.AddRange(Sections(lines));
        }

        parts.Add(new DigestPart(DigestPartKind.Divider));
        var triage = new List<string> { $"*Waiting for triage:* {Plural.Of(digest.Triage.Waiting, "unclassified item")}" };
        triage.AddRange(digest.Triage.Shown.Select(ItemLine));
        if (digest.Triage.NotShown > 0)
        {
            triage.Add($"_…and {digest.Triage.NotShown} more_");
        }
        parts.AddRange(Sections(triage));

        var resolved = new List<string> { $"*Closed the loop:* {digest.Resolved.Sentence}" };
        resolved.AddRange(digest.Resolved.Shown.Select(ItemLine));
        parts.AddRange(Sections(resolved));

        if (digest.Thresholds.Count > 0)
        {
            var thresholds = new List<string> { "*Thresholds reached*" };
            thresholds.AddRange(digest.Thresholds.Select(hit =>
                $"• {SlackText.Link(hit.Permalink, SlackText.Excerpt(SlackText.Readable(hit.Description), MaxQuote))} "
                + $"({hit.ReachedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})"));
            if (digest.ThresholdsNotShown > 0)
            {
                thresholds.Add($"_…and {digest.ThresholdsNotShown} more_");
            }
            parts.AddRange(Sections(thresholds));
        }

        if (!digest.Rotation.IsEmpty)
        {
            var rotation = digest.Rotation;
            var lines = new List<string>
            {
                $"*Support rotation:* {rotation.Served} served, {rotation.Missed} missed, {rotation.Swapped} swapped, "
                + $"{rotation.FeedbackCaptured} feedback captured",
            };
            lines.AddRange(rotation.People.Select(person =>
                $"• {Person(person)}: {person.Served} served, {person.Missed} missed, {person.Swapped} swapped, {person.FeedbackCaptured} captured"));
            if (rotation.NotHeardYet.Count > 0)
            {
                lines.Add(NotHeardLine(rotation, rotation.NotHeardYet.Select(Quiet)));
            }

            parts.AddRange(Sections(lines));
        }

        return FitBlockBudget(parts);
    }

    /// <summary>The notification text: a one-line summary that stands on its own where blocks are not shown.</summary>
    public static string FallbackText(Digest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var buckets = string.Join(", ", digest.Buckets.Select(bucket => $"{bucket.DisplayName} {bucket.Delta.Current} ({bucket.Delta.Text})"));
        var text = $"{digest.Title}: {Plural.Of(digest.TotalReports, "report")}"
            + (buckets.Length > 0 ? $" ({buckets})" : "")
            + $". {digest.Resolved.Sentence} {Plural.Of(digest.Triage.Waiting, "item")} waiting for triage.";
        return SlackText.Truncate(text, MaxFallbackText);
    }

    private static string IssueLine(int rank, KeyPhraseGroup issue) =>
        $"{rank}. *{Name(issue.Label)}*: {issue.Counts}\n>{Said(issue.RepresentativeQuote)}{Link(issue.Permalink)}";

    private static string ItemLine(DigestItemLine line)
    {
        var note = line.Note is null ? "" : $" → {Said(line.Note)}";
        return $"• {Said(line.Quote)}{note}{Link(line.Permalink)}";
    }

    /// <summary>Kind words for the people who have not heard a customer yet this month: an invitation, not a list of shame.</summary>
    public static string NotHeardLine(RotationSummary rotation, IEnumerable<string> names)
    {
        var month = rotation.MonthName.Length > 0 ? $"in {rotation.MonthName}" : "this month";
        var all = names.ToList();
        // A whole company can be a long list: the first names, then a count, keeps the section inside Slack's limit.
        var shown = string.Join(", ", all.Take(MaxNotHeardNames)) + (all.Count > MaxNotHeardNames ? $" and {all.Count - MaxNotHeardNames} more" : "");
        return $"_Still to hear a customer {month}:_ {shown}. One support shift, a customer call or a piece of feedback does it, and there's a warm welcome in the support channel.";
    }

    /// <summary>Names the kind line shows before "and N more".</summary>
    public const int MaxNotHeardNames = 24;

    private static string Quiet(QuietPerson person) =>
        person.DisplayName is { Length: > 0 } name ? Name(name) : $"<@{Name(person.UserId)}>";

    private static string Person(ShiftSummary person) =>
        person.DisplayName is { Length: > 0 } name ? Name(name) : $"<@{Name(person.UserId)}>";

    private static string Said(string text) => SlackText.Excerpt(SlackText.Defuse(text), MaxQuote);

    private static string Name(string text) => SlackText.Excerpt(SlackText.Defuse(text), MaxName);

    private static string Link(string? permalink) => permalink is null ? "" : " " + SlackText.Link(permalink, "view");

    // Lines are packed into sections below Slack's limit; a single overlong line is cut.
    private static IEnumerable<DigestPart> Sections(IEnumerable<string> lines)
    {
        var section = new StringBuilder();
        foreach (var line in lines.Select(line => SlackText.Truncate(line, MaxSection)))
        {
            if (section.Length > 0 && section.Length + 1 + line.Length > MaxSection)
            {
                yield return new DigestPart(DigestPartKind.Text, section.ToString());
                section.Clear();
            }
            section.Append(section.Length > 0 ? "\n" : "").Append(line);
        }
        if (section.Length > 0)
        {
            yield return new DigestPart(DigestPartKind.Text, section.ToString());
        }
    }

    // Slack refuses messages over 50 blocks; the rest of the digest is one command away.
    private static List<DigestPart> FitBlockBudget(List<DigestPart> parts)
    {
        if (parts.Count <= MaxParts)
        {
            return parts;
        }
        var kept = parts.Take(MaxParts - 1).ToList();
        kept.Add(new DigestPart(DigestPartKind.Context, $"…{parts.Count - kept.Count} more sections left out; the full digest is in `digest --text`."));
        return kept;
    }

}
