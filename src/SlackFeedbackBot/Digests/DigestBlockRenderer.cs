using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.BlockKit;

namespace SlackFeedbackBot.Digests;

/// <summary>The digest as a chat.postMessage body: Block Kit blocks plus a notification fallback.</summary>
public static class DigestBlockRenderer
{
    /// <param name="chartImageUrl">Where the chart can be fetched by Slack, when it is hosted; otherwise the
    /// chart is uploaded next to the message.</param>
    public static SlackMessage Render(Digest digest, string? chartImageUrl = null)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var message = new MessageBuilder().Text(DigestLayout.FallbackText(digest));
        var parts = DigestLayout.Parts(digest);
        var chartAt = chartImageUrl is null || digest.Chart.IsEmpty ? -1 : ChartPosition(parts);
        for (var index = 0; index < parts.Count; index++)
        {
            if (index == chartAt)
            {
                message.Image(chartImageUrl!, ChartAltText(digest), "Reports per bucket per week");
            }
            Add(message, parts[index]);
        }
        return message.Build();
    }

    public static string ChartAltText(Digest digest) =>
        $"Stacked bar chart of reports per bucket per week over the {digest.Chart.Weeks.Count} weeks up to {digest.Period.Label}";

    // The chart belongs under the counts, before the top issues; past the block budget it is simply left out.
    private static int ChartPosition(IReadOnlyList<DigestPart> parts)
    {
        var afterCounts = parts.ToList().FindIndex(part => part.Kind == DigestPartKind.Fields) + 1;
        return afterCounts > 0 && parts.Count < DigestLayout.MaxParts ? afterCounts : -1;
    }

    private static void Add(MessageBuilder message, DigestPart part)
    {
        switch (part.Kind)
        {
            case DigestPartKind.Header:
                message.Header(part.Text);
                break;
            case DigestPartKind.Context:
                message.Context(part.Text);
                break;
            case DigestPartKind.Fields:
                message.Fields(part.Fields ?? []);
                break;
            case DigestPartKind.Divider:
                message.Divider();
                break;
            case DigestPartKind.Text:
                message.Section(part.Text);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(part), part.Kind, "Unknown digest part.");
        }
    }
}
