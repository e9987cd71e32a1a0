using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Digests;

/// <summary>
/// Reports per bucket in the period, with the change against the previous one, and under them the chart of reports per
/// bucket per week (see <see cref="DigestBlockRenderer"/> and <see cref="DigestChart"/>).
/// </summary>
public sealed class BucketCountsSection : IDigestSection
{
    /// <summary>Items per bucket for each chart week: one query per week, each a range scan on an index.</summary>
    public Task<DigestInput> LoadAsync(DigestLoad load, DigestInput input, CancellationToken ct)
    {
        var (query, feedback) = (load.Query, load.Sources.Feedback);
        var chartWeeks = DigestPeriods.ChartWeeks(query.Period, query.Zone, load.Settings.ChartWeeks);
        var weekly = chartWeeks.SelectMany(monday =>
            {
                var week = DigestPeriods.WeekStarting(query.Zone, monday);
                return feedback.ItemsCreatedPerBucket(week.From, week.To, load.Filter)
                    .Select(count => new WeeklyBucketCount(monday, count.Bucket, count.Count, count.ProductArea));
            })
            .ToList();
        return Task.FromResult(input with { WeeklyCounts = weekly, ChartWeeks = chartWeeks });
    }

    public Digest Build(DigestInput input, Digest digest)
    {
        var items = input.HeardInArea();
        var buckets = OrderedBuckets(input, items);
        return digest with
        {
            Buckets = buckets.Select(bucket => new BucketSection(bucket.Id, bucket.DisplayName, Delta(bucket, items, input), [], 0)).ToList(),
            Chart = Chart(input, buckets),
        };
    }

    public IEnumerable<DigestPart> Blocks(Digest digest)
    {
        if (digest.Buckets.Count == 0)
        {
            yield break;
        }
        var fields = digest.Buckets.Select(bucket =>
            $"*{DigestMarkup.Name(bucket.DisplayName)}*\n{bucket.Delta.Current} ({bucket.Delta.Text})").ToList();
        if (fields.Count > DigestLayout.MaxFields)
        {
            fields = [.. fields.Take(DigestLayout.MaxFields - 1), $"…and {fields.Count - (DigestLayout.MaxFields - 1)} more buckets"];
        }
        yield return new DigestPart(DigestPartKind.Fields, Fields: fields.Select(field => SlackText.Truncate(field, DigestLayout.MaxField)).ToList());
    }

    public IEnumerable<string> Text(Digest digest) =>
    [
        "",
        $"Reports by bucket (change since {DigestTextRenderer.Comparison(digest.Period)})",
        .. digest.Buckets.Select(bucket => $"  {bucket.DisplayName}: {bucket.Delta.Current} ({bucket.Delta.Text})"),
    ];

    private static BucketDelta Delta(DigestBucket bucket, List<DigestItem> items, DigestInput input)
    {
        var current = items.Where(item => DigestBuilder.SameBucket(item.Bucket, bucket.Id)).Sum(item => item.TotalReports);
        var previous = input.PreviousCounts
            .Where(count => DigestBuilder.SameBucket(count.Bucket, bucket.Id) && input.InArea(count.ProductArea))
            .Sum(count => count.Count);
        return new BucketDelta(current, previous);
    }

    // The configured buckets in their order; buckets seen only in the data follow, by id.
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

    private static ChartData Chart(DigestInput input, List<DigestBucket> buckets)
    {
        var counts = input.WeeklyCounts.Where(count => input.InArea(count.ProductArea)).ToList();
        var weeks = input.ChartWeeks.Count > 0
            ? input.ChartWeeks.Order().ToList()
            : WeeksEndingAt(counts.Select(count => count.WeekStart).DefaultIfEmpty().Max(), input.Settings.ChartWeeks, counts.Count);
        var series = buckets
            .Select(bucket => new ChartSeries(
                bucket.Id,
                bucket.DisplayName,
                weeks.Select(week => counts
                    .Where(count => count.WeekStart == week && DigestBuilder.SameBucket(count.Bucket, bucket.Id))
                    .Sum(count => count.Count)).ToList()))
            .ToList();
        return new ChartData(weeks, series);
    }

    private static List<DateOnly> WeeksEndingAt(DateOnly last, int weeks, int dataPoints) =>
        dataPoints == 0
            ? []
            : Enumerable.Range(0, Math.Max(1, weeks)).Select(offset => last.AddDays(-7 * offset)).Reverse().ToList();
}
