using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Digests;

/// <summary>The title and the period, with how many reports it had.</summary>
public sealed class HeaderSection : LoadlessDigestSection
{
    // The title comes with the period; the report count is the buckets'.
    public override Digest Build(DigestInput input, Digest digest) => digest;

    public override IEnumerable<DigestPart> Blocks(Digest digest) =>
    [
        new(DigestPartKind.Header, SlackText.Truncate(digest.Title, DigestLayout.MaxHeader)),
        new(DigestPartKind.Context, SlackText.Truncate(
            $"{DigestTextRenderer.PeriodRange(digest.Period)} · {Plural.Of(digest.TotalReports, "report")} · "
            + $"change since {DigestTextRenderer.Comparison(digest.Period)} in brackets", DigestLayout.MaxSection)),
    ];

    public override IEnumerable<string> Text(Digest digest) => [digest.Title, DigestTextRenderer.PeriodRange(digest.Period)];
}
