using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Retention;

namespace SlackFeedbackBot.Slack.Outbox;

/// <summary>Done tasks go <c>Slack:Outbox:KeepFinished</c> after they were done, failed ones <c>Slack:Outbox:KeepFailed</c> after they failed.</summary>
public sealed class OutboxRetention(IOutboxStore store, OutboxClock clock, IOptions<SlackOutboxOptions> options) : IRetentionPurge
{
    public string What => "finished outbox tasks";

    // On the outbox's own clock, which wrote their done_at (the app's clock, unless a host gives the outbox another).
    public Task<int> PurgeAsync(DateTimeOffset now, CancellationToken ct)
    {
        var at = clock.Time.GetUtcNow();
        return store.PurgeAsync(at - options.Value.KeepFinished, at - options.Value.KeepFailed);
    }
}
