namespace SlackFeedbackBot.Digests;

/// <summary>
/// The top issues of each bucket: their reports and customers of the period (old issues heard again included), how that
/// moved against the previous period, a representative quote and one reporter's word on why it matters.
/// </summary>
public sealed class TopIssuesSection(KeyPhraseGrouper grouper) : LoadlessDigestSection
{
    public TopIssuesSection()
        : this(new KeyPhraseGrouper())
    {
    }

    /// <summary>Groups each bucket's items of the period by what they ask, after the bucket counts are built.</summary>
    public override Digest Build(DigestInput input, Digest digest)
    {
        var items = input.HeardInArea();
        return digest with { Buckets = digest.Buckets.Select(bucket => WithTopIssues(bucket, items, input)).ToList() };
    }

    public override IEnumerable<DigestPart> Blocks(Digest digest)
    {
        foreach (var bucket in digest.Buckets.Where(bucket => bucket.TopIssues.Count > 0))
        {
            yield return new DigestPart(DigestPartKind.Divider);
            var lines = new List<string> { $"*Top {DigestMarkup.Name(bucket.DisplayName)} issues*" };
            var rank = 1;
            lines.AddRange(bucket.TopIssues.Select(issue => IssueLine(rank++, issue)));
            if (bucket.IssuesNotShown > 0)
            {
                lines.Add($"_…and {Plural.Of(bucket.IssuesNotShown, "more issue")}_");
            }
            foreach (var part in DigestMarkup.Sections(lines))
            {
                yield return part;
            }
        }
    }

    public override IEnumerable<string> Text(Digest digest)
    {
        foreach (var bucket in digest.Buckets.Where(bucket => bucket.TopIssues.Count > 0))
        {
            yield return "";
            yield return $"Top {bucket.DisplayName} issues";
            var rank = 1;
            foreach (var issue in bucket.TopIssues)
            {
                yield return $"  {rank++}. {issue.Summary}{TextTrend(issue, digest.Period)}";
                yield return $"     \"{issue.RepresentativeQuote}\"{DigestMarkup.LinkSuffix(issue.Permalink)}";
                if (issue.Why is not null)
                {
                    yield return $"     Why it matters: \"{issue.Why}\"";
                }
            }
            if (bucket.IssuesNotShown > 0)
            {
                yield return $"  ...and {Plural.Of(bucket.IssuesNotShown, "more issue")}";
            }
        }
    }

    private BucketSection WithTopIssues(BucketSection bucket, List<DigestItem> items, DigestInput input)
    {
        // Unclassified items are listed for triage instead: they share no phrasing worth grouping.
        if (DigestBuilder.SameBucket(bucket.Id, DigestBucket.UnclassifiedId))
        {
            return bucket;
        }
        // "Not yet" issues have a section of their own; the bucket's count still includes them.
        var open = items.Where(item => DigestBuilder.SameBucket(item.Bucket, bucket.Id) && !NotYetSection.IsNotYet(item)).ToList();
        var phrases = input.Buckets.FirstOrDefault(known => DigestBuilder.SameBucket(known.Id, bucket.Id))?.TriggerPhrases ?? [];
        var groups = grouper.Group(open, phrases, input.Settings.QuoteMaxLength, input.Names)
            .Select(group => WithTrend(group, input))
            .ToList();
        var shown = groups.Take(input.Settings.TopIssuesPerBucket).ToList();
        return bucket with { TopIssues = shown, IssuesNotShown = groups.Count - shown.Count };
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

    private static string IssueLine(int rank, KeyPhraseGroup issue) =>
        $"{rank}. *{DigestMarkup.Name(issue.Label)}*: {issue.Counts}{BlockTrend(issue)}\n>{DigestMarkup.Said(issue.RepresentativeQuote)}{DigestMarkup.Link(issue.Permalink)}"
        + (issue.Why is null ? "" : $"\n_Why it matters:_ {DigestMarkup.Said(issue.Why)}");

    private static string BlockTrend(KeyPhraseGroup issue) => issue.Trend is null ? "" : $" · _{issue.TrendText}_";

    private static string TextTrend(KeyPhraseGroup issue, DigestPeriod period) =>
        issue.Trend is null ? "" : $" ({issue.TrendText}; {issue.PreviousReportCount} in {DigestTextRenderer.Comparison(period)})";
}
