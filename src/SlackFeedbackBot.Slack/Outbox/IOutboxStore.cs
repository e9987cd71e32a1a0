namespace SlackFeedbackBot.Slack.Outbox;

/// <summary>
/// The outbox table as the drainer, its metrics and the effects that remember what they learned see it. Every change
/// is one statement. In a store several instances share, <see cref="DueAsync"/> claims its tasks under a lease, and the
/// changes after it are made only by the lease's holder (see <see cref="OutboxLeaseLostException"/>).
/// </summary>
public interface IOutboxStore : ISlackOutbox
{
    /// <summary>Raised after a new task is stored, so the drainer need not wait for its next look.</summary>
    event Action? Enqueued;

    /// <summary>The backlog, synchronously: for metric gauges, which are read by a callback that cannot await.</summary>
    OutboxBacklog Backlog();

    /// <summary>Pending tasks due by now, earliest first, leaving out those already running here (and, when shared, those another instance holds).</summary>
    Task<IReadOnlyList<DueTask>> DueAsync(int limit, IReadOnlyCollection<long> running, CancellationToken ct);

    /// <summary>Gives back tasks <see cref="DueAsync"/> returned that the drainer did not start.</summary>
    Task ReleaseAsync(IReadOnlyCollection<long> ids);

    /// <summary>When the next pending task (not running here) is due, or null when none is pending.</summary>
    Task<DateTimeOffset?> NextDueAsync(IReadOnlyCollection<long> running, CancellationToken ct);

    /// <summary>Records, before the call goes out, that an attempt started. Until the outcome is known it keeps the
    /// earliest start, so a later look for what Slack did covers every attempt that may have reached it.</summary>
    Task MarkSendingAsync(long id);

    /// <summary>Keeps a value the task learned on the way (a DM's channel) in its payload, for the attempts after this one.</summary>
    Task RememberAsync(long id, string field, string value);

    Task CompleteAsync(long id, string? result);

    Task FailAsync(long id, string error);

    /// <summary>Tries again at <paramref name="at"/>; a failed attempt counts, waiting for a posting slot does not.
    /// <paramref name="settled"/>: Slack answered that it did nothing (a rate limit), so the task is no longer in doubt.</summary>
    Task RescheduleAsync(long id, DateTimeOffset at, string? error, bool settled = false);

    /// <summary>Forgets tasks done before <paramref name="doneBefore"/> and tasks failed before <paramref name="failedBefore"/>;
    /// until then their keys keep dropping repeats.</summary>
    Task<int> PurgeAsync(DateTimeOffset doneBefore, DateTimeOffset failedBefore);
}

/// <summary>The task's lease ran out and another instance took it over: this one must not send it.</summary>
public sealed class OutboxLeaseLostException(long id)
    : Exception($"Outbox task {id} is no longer this instance's: its lease ran out and another instance took it over.")
{
    public long Id { get; } = id;
}
