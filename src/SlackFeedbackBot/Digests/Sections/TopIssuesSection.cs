namespace SlackFeedbackBot.Digests;

/// <summary>
/// The top issues of each bucket: their reports and customers of the period (old issues heard again included), how that
/// moved against the previous period, a representative quote and one reporter's word on why it matters.
/// </summary>
public sealed class TopIssuesSection : IDigestSection
{
    public IEnumerable<DigestPart> Blocks(Digest digest)
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

    public IEnumerable<string> Text(Digest digest)
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

    private static string IssueLine(int rank, KeyPhraseGroup issue) =>
        $"{rank}. *{DigestMarkup.Name(issue.Label)}*: {issue.Counts}{BlockTrend(issue)}\n>{DigestMarkup.Said(issue.RepresentativeQuote)}{DigestMarkup.Link(issue.Permalink)}"
        + (issue.Why is null ? "" : $"\n_Why it matters:_ {DigestMarkup.Said(issue.Why)}");

    private static string BlockTrend(KeyPhraseGroup issue) => issue.Trend is null ? "" : $" · _{issue.TrendText}_";

    private static string TextTrend(KeyPhraseGroup issue, DigestPeriod period) =>
        issue.Trend is null ? "" : $" ({issue.TrendText}; {issue.PreviousReportCount} in {DigestTextRenderer.Comparison(period)})";
}
