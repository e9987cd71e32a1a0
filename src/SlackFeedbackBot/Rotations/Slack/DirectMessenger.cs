using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary>Sends a person a direct message from the bot (opens the DM first).</summary>
public sealed class DirectMessenger(ISlackApiClient slack)
{
    public async Task SendAsync(string userId, SlackMessage message, CancellationToken ct)
    {
        var channel = await slack.OpenConversationAsync([userId], ct);
        await slack.PostMessageAsync(channel, message with { ResponseType = null }, ct);
    }
}
