using SlackFeedbackBot.Slack;

namespace SlackFeedbackBot.Digests;

/// <summary>The exact chat.postMessage body (<c>{"text":…,"blocks":[…]}</c>), for the CLI's <c>digest --json</c>
/// and for pasting into Slack's Block Kit Builder.</summary>
public static class DigestJsonRenderer
{
    public static string Render(Digest digest, string? chartImageUrl = null) =>
        SlackJson.Serialize(DigestBlockRenderer.Render(digest, chartImageUrl));
}
