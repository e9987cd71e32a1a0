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

    public static IReadOnlyList<DigestPart> Parts(Digest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return FitBlockBudget(digest.Sections.SelectMany(section => section.Blocks(digest)).ToList());
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
