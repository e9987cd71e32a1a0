using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Digests;

/// <summary>Reports per bucket in the period, with the change against the previous one.</summary>
public sealed class BucketCountsSection : IDigestSection
{
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
}
