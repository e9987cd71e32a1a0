using System.Globalization;
using System.Text;

namespace SlackFeedbackBot.Digests;

/// <summary>Plain text for terminals and logs (the CLI's <c>digest --text</c>).</summary>
public static class DigestTextRenderer
{
    public static string Render(Digest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var text = new StringBuilder();
        text.AppendLine(digest.Title);
        text.AppendLine(PeriodRange(digest.Period));

        text.AppendLine().AppendLine($"Reports by bucket (change since the previous {PeriodNoun(digest.Period)})");
        foreach (var bucket in digest.Buckets)
        {
            text.AppendLine($"  {bucket.DisplayName}: {bucket.Delta.Current} ({bucket.Delta.Text})");
        }

        foreach (var bucket in digest.Buckets.Where(bucket => bucket.TopIssues.Count > 0))
        {
            text.AppendLine().AppendLine($"Top {bucket.DisplayName} issues");
            var rank = 1;
            foreach (var issue in bucket.TopIssues)
            {
                text.AppendLine($"  {rank++}. {issue.Summary}");
                text.AppendLine($"     \"{issue.RepresentativeQuote}\"{LinkSuffix(issue.Permalink)}");
            }
            if (bucket.IssuesNotShown > 0)
            {
                text.AppendLine($"  ...and {Plural.Of(bucket.IssuesNotShown, "more issue")}");
            }
        }

        text.AppendLine().AppendLine($"Waiting for triage: {Plural.Of(digest.Triage.Waiting, "unclassified item")}");
        AppendLines(text, digest.Triage.Shown, digest.Triage.NotShown);

        text.AppendLine().AppendLine("Closed the loop").AppendLine($"  {digest.Resolved.Sentence}");
        AppendLines(text, digest.Resolved.Shown, 0);

        if (digest.Thresholds.Count > 0)
        {
            text.AppendLine().AppendLine("Thresholds reached");
            foreach (var hit in digest.Thresholds)
            {
                text.AppendLine($"  - {hit.Description} (item {hit.ItemId}, {hit.ReachedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}){LinkSuffix(hit.Permalink)}");
            }
            if (digest.ThresholdsNotShown > 0)
            {
                text.AppendLine($"  ...and {digest.ThresholdsNotShown} more");
            }
        }

        if (!digest.Rotation.IsEmpty)
        {
            var rotation = digest.Rotation;
            text.AppendLine().AppendLine("Support rotation");
            text.AppendLine($"  {rotation.Served} served, {rotation.Missed} missed, {rotation.Swapped} swapped, {rotation.FeedbackCaptured} feedback captured");
            foreach (var person in rotation.People)
            {
                text.AppendLine($"  {person.DisplayName ?? person.UserId}: {person.Served} served, {person.Missed} missed, {person.Swapped} swapped, {person.FeedbackCaptured} captured");
            }

            if (rotation.NotHeardYet.Count > 0)
            {
                text.AppendLine("  " + DigestLayout.NotHeardLine(rotation, rotation.NotHeardYet.Select(p => p.DisplayName ?? p.UserId)).Replace("_", "", StringComparison.Ordinal));
            }
        }
        return text.ToString();
    }

    internal static string PeriodRange(DigestPeriod period) =>
        $"{period.From.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} to " +
        $"{period.To.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC";

    internal static string PeriodNoun(DigestPeriod period) => period.Kind == DigestPeriodKind.Week ? "week" : "month";

    private static void AppendLines(StringBuilder text, IReadOnlyList<DigestItemLine> lines, int notShown)
    {
        foreach (var line in lines)
        {
            var note = line.Note is null ? "" : $" -> {line.Note}";
            text.AppendLine($"  - \"{line.Quote}\"{note}{LinkSuffix(line.Permalink)}");
        }
        if (notShown > 0)
        {
            text.AppendLine($"  ...and {notShown} more");
        }
    }

    private static string LinkSuffix(string? permalink) => permalink is null ? "" : $" {permalink}";
}
