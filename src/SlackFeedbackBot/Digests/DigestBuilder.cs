using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Digests;

/// <summary>Builds a <see cref="Digest"/> from its input. Pure: the same input always gives the same digest.</summary>
public sealed class DigestBuilder(KeyPhraseGrouper grouper)
{
    public DigestBuilder()
        : this(new KeyPhraseGrouper())
    {
    }

    public Digest Build(DigestInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var settings = input.Settings;
        var inArea = AreaFilter(input.ProductArea);
        var period = input.Period;

        // Old items heard again count with this period's reports; nothing else of theirs is counted.
        var items = input.Items.Where(item => inArea(item.ProductArea))
            .Select(item => item.HeardIn(period)).OfType<DigestItem>().ToList();
        var resolved = input.Resolved
            .Where(item => item.ResolvedAt is { } at && period.Contains(at) && inArea(item.ProductArea))
            .OrderBy(item => item.ResolvedAt).ThenBy(item => item.Id)
            .ToList();
        var waiting = input.NewUnclassified.Where(item => inArea(item.ProductArea))
            .OrderBy(item => item.CreatedAt).ThenBy(item => item.Id)
            .ToList();

        var shownItemIds = items.Concat(resolved).Concat(waiting).Select(item => item.Id).ToHashSet();
        var thresholds = input.Thresholds
            .Where(hit => period.Contains(hit.ReachedAt))
            .Where(hit => inArea(hit.ProductArea) || shownItemIds.Contains(hit.ItemId))
            .OrderBy(hit => hit.ReachedAt).ThenBy(hit => hit.ItemId)
            .ToList();

        var buckets = OrderedBuckets(input, items);
        return new Digest
        {
            Period = period,
            ProductArea = input.ProductArea,
            Buckets = buckets.Select(bucket => Section(bucket, items, input, inArea)).ToList(),
            Triage = new TriageSummary(waiting.Count, waiting.Take(settings.UnclassifiedShown).Select(item => Line(item, settings)).ToList()),
            Resolved = new ResolvedSummary(
                resolved.Count,
                resolved.Sum(item => item.ReportersTold),
                resolved.Take(settings.ResolvedShown).Select(item => Line(item, settings, item.ResolutionNote)).ToList()),
            Thresholds = thresholds.Take(settings.ThresholdsShown).ToList(),
            ThresholdsNotShown = Math.Max(0, thresholds.Count - settings.ThresholdsShown),
            Rotation = new RotationSummary(input.Shifts
                .OrderBy(shift => shift.DisplayName ?? shift.UserId, StringComparer.OrdinalIgnoreCase)
                .ThenBy(shift => shift.UserId, StringComparer.Ordinal)
                .ToList(),
                input.NotHeardThisMonth
                    .OrderBy(person => person.DisplayName ?? person.UserId, StringComparer.OrdinalIgnoreCase)
                    .ThenBy(person => person.UserId, StringComparer.Ordinal)
                    .ToList(),
                input.MonthName),
            Chart = Chart(input, buckets, inArea),
            NotYet = NotYetSection.Build(items, settings),
        };
    }

    private BucketSection Section(DigestBucket bucket, List<DigestItem> items, DigestInput input, Func<string?, bool> inArea)
    {
        var mine = items.Where(item => SameBucket(item.Bucket, bucket.Id)).ToList();
        var previous = input.PreviousCounts
            .Where(count => SameBucket(count.Bucket, bucket.Id) && inArea(count.ProductArea))
            .Sum(count => count.Count);
        var delta = new BucketDelta(mine.Sum(item => item.TotalReports), previous);

        // Unclassified items are listed for triage instead: they share no phrasing worth grouping.
        if (SameBucket(bucket.Id, DigestBucket.UnclassifiedId))
        {
            return new BucketSection(bucket.Id, bucket.DisplayName, delta, [], 0);
        }
        // "Not yet" issues have a section of their own; the bucket's count still includes them.
        var open = mine.Where(item => !NotYetSection.IsNotYet(item)).ToList();
        var groups = grouper.Group(open, bucket.TriggerPhrases, input.Settings.QuoteMaxLength, input.Names)
            .Select(group => WithTrend(group, input))
            .ToList();
        var shown = groups.Take(input.Settings.TopIssuesPerBucket).ToList();
        return new BucketSection(bucket.Id, bucket.DisplayName, delta, shown, groups.Count - shown.Count);
    }

    // The change per issue: its items' reports in the previous period against this one's.
    private static KeyPhraseGroup WithTrend(KeyPhraseGroup group, DigestInput input)
    {
        if (input.PreviousPeriod is null)
        {
            return group;
        }
        var previous = input.PreviousItems.Where(item => group.ItemIds.Contains(item.Id)).Sum(item => item.ReportsIn(input.PreviousPeriod));
        var heardBefore = previous > 0 || input.Items.Any(item => group.ItemIds.Contains(item.Id) && item.CreatedAt < input.Period.From);
        var trend = !heardBefore ? IssueTrend.New
            : group.ReportCount > previous ? IssueTrend.Rising
            : group.ReportCount < previous ? IssueTrend.Falling
            : IssueTrend.Steady;
        return group with { PreviousReportCount = previous, Trend = trend };
    }

    private static List<DigestBucket> OrderedBuckets(DigestInput input, List<DigestItem> items)
    {
        var buckets = input.Buckets.DistinctBy(bucket => bucket.Id, StringComparer.OrdinalIgnoreCase).ToList();
        var known = buckets.Select(bucket => bucket.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = items.Select(item => item.Bucket)
            .Concat(input.PreviousCounts.Select(count => count.Bucket))
            .Concat(input.WeeklyCounts.Select(count => count.Bucket))
            .Where(id => known.Add(id))
            .Order(StringComparer.Ordinal)
            .Select(id => new DigestBucket(id, id, []));
        return [.. buckets, .. unknown];
    }

    private static ChartData Chart(DigestInput input, List<DigestBucket> buckets, Func<string?, bool> inArea)
    {
        var counts = input.WeeklyCounts.Where(count => inArea(count.ProductArea)).ToList();
        var weeks = input.ChartWeeks.Count > 0
            ? input.ChartWeeks.Order().ToList()
            : WeeksEndingAt(counts.Select(count => count.WeekStart).DefaultIfEmpty().Max(), input.Settings.ChartWeeks, counts.Count);
        var series = buckets
            .Select(bucket => new ChartSeries(
                bucket.Id,
                bucket.DisplayName,
                weeks.Select(week => counts
                    .Where(count => count.WeekStart == week && SameBucket(count.Bucket, bucket.Id))
                    .Sum(count => count.Count)).ToList()))
            .ToList();
        return new ChartData(weeks, series);
    }

    private static List<DateOnly> WeeksEndingAt(DateOnly last, int weeks, int dataPoints) =>
        dataPoints == 0
            ? []
            : Enumerable.Range(0, Math.Max(1, weeks)).Select(offset => last.AddDays(-7 * offset)).Reverse().ToList();

    private static DigestItemLine Line(DigestItem item, DigestSettings settings, string? note = null) =>
        new(item.Id, SlackText.Excerpt(item.Text, settings.QuoteMaxLength), item.Permalink)
        {
            Note = string.IsNullOrWhiteSpace(note) ? null : SlackText.Excerpt(note, settings.QuoteMaxLength),
        };

    private static Func<string?, bool> AreaFilter(string? area) =>
        area is null
            ? _ => true
            : candidate => string.Equals(candidate, area, StringComparison.OrdinalIgnoreCase);

    private static bool SameBucket(string left, string right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);
}
