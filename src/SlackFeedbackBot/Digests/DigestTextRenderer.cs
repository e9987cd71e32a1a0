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

        text.AppendLine().AppendLine($"Reports by bucket (change since {Comparison(digest.Period)})");
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

    /// <summary>The period as the reader's dates ("Mon 23 – Sun 29 Nov 2026"); as UTC times when it has no zone.</summary>
    internal static string PeriodRange(DigestPeriod period)
    {
        if (period.Zone is not { } zone)
        {
            return $"{period.From.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} to " +
                $"{period.To.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC";
        }

        var first = TimeZoneInfo.ConvertTime(period.From, zone).DateTime;
        var last = TimeZoneInfo.ConvertTime(period.To.AddTicks(-1), zone).DateTime;
        var start = first.Year != last.Year ? "ddd d MMM yyyy" : first.Month != last.Month ? "ddd d MMM" : "ddd d";
        var range = first.Date == last.Date
            ? last.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture)
            : $"{first.ToString(start, CultureInfo.InvariantCulture)} – {last.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture)}";
        return period.SoFar ? $"{range} (so far)" : range;
    }

    /// <summary>What the deltas compare with, named by the period's real length: "the previous week", "the previous 10 days".</summary>
    internal static string Comparison(DigestPeriod period)
    {
        if (period.SoFar)
        {
            return period.Kind == DigestPeriodKind.Week ? "the same days last week" : "the same days last month";
        }

        var wholeMonth = period.Kind == DigestPeriodKind.Month && period.Zone is { } zone
            && TimeZoneInfo.ConvertTime(period.From, zone).Day == 1
            && TimeZoneInfo.ConvertTime(period.To, zone) is var end && end.Day == 1 && end.Hour == 0
            && TimeZoneInfo.ConvertTime(period.From, zone).AddMonths(1).Date == end.Date;
        return period.Days switch
        {
            7 => "the previous week",
            _ when wholeMonth || period.Zone is null && period.Kind == DigestPeriodKind.Month => "the previous month",
            1 => "the day before",
            var days => $"the previous {days} days",
        };
    }

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
