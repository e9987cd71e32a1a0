namespace SlackFeedbackBot.Slack.Outbox;

/// <summary>
/// Durable outbound effects. A task is stored under an idempotency key (<c>followup:42</c>, <c>digest:C1:2026-W48</c>)
/// and run by the drainer until it succeeds or Slack says it never will; the same key again adds nothing.
/// </summary>
public interface ISlackOutbox
{
    /// <summary>Stores the task unless its key is known. Returns true when it was new.</summary>
    Task<bool> EnqueueAsync(string key, OutboxTask task, CancellationToken ct = default);

    Task<OutboxBacklog> BacklogAsync(CancellationToken ct = default);
}
