using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Retention;

namespace SlackFeedbackBot.Slack.Outbox;

/// <summary>Done tasks go <c>Slack:Outbox:KeepFinished</c> after they were done, failed ones <c>Slack:Outbox:KeepFailed</c> after they failed.</summary>
public sealed class OutboxRetention(SqliteSlackOutbox store, IOptions<SlackOutboxOptions> options) : IRetentionPurge
{
    public string What => "finished outbox tasks";

    public Task<int> PurgeAsync(DateTimeOffset now, CancellationToken ct) =>
        store.PurgeAsync(now - options.Value.KeepFinished, now - options.Value.KeepFailed);
}
