using System.Globalization;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Digests;

/// <summary>The escalation thresholds reached in the period, in order.</summary>
public sealed class ThresholdsSection : IDigestSection
{
    public IEnumerable<DigestPart> Blocks(Digest digest)
    {
        if (digest.Thresholds.Count == 0)
        {
            return [];
        }
        var lines = new List<string> { "*Thresholds reached*" };
        lines.AddRange(digest.Thresholds.Select(hit =>
            $"• {SlackText.Link(hit.Permalink, SlackText.Excerpt(SlackText.Readable(hit.Description), DigestMarkup.MaxQuote))} ({Day(hit)})"));
        if (digest.ThresholdsNotShown > 0)
        {
            lines.Add($"_…and {digest.ThresholdsNotShown} more_");
        }
        return DigestMarkup.Sections(lines);
    }

    public IEnumerable<string> Text(Digest digest)
    {
        if (digest.Thresholds.Count == 0)
        {
            return [];
        }
        var lines = new List<string> { "", "Thresholds reached" };
        lines.AddRange(digest.Thresholds.Select(hit => $"  - {hit.Description} (item {hit.ItemId}, {Day(hit)}){DigestMarkup.LinkSuffix(hit.Permalink)}"));
        if (digest.ThresholdsNotShown > 0)
        {
            lines.Add($"  ...and {digest.ThresholdsNotShown} more");
        }
        return lines;
    }

    private static string Day(ThresholdHit hit) => hit.ReachedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
