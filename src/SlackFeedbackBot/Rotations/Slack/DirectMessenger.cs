using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Outbox;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary>
/// Sends a person a direct message from the bot through the outbox, under a key naming the occasion
/// (<c>reminder:&lt;shift&gt;:60m:&lt;user&gt;</c>): a second fire or a replayed request with the same key sends nothing more,
/// and an outage delays the message instead of losing it.
/// </summary>
public sealed class DirectMessenger(ISlackOutbox outbox)
{
    /// <summary>Returns true when this key is new, so the message is on its way now.</summary>
    public Task<bool> SendAsync(string key, string userId, SlackMessage message, CancellationToken ct) =>
        outbox.EnqueueAsync(key, SlackEffects.DirectMessage(userId, message), ct);
}
