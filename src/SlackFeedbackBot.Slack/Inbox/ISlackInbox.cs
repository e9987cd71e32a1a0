using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Slack.Inbox;

/// <summary>
/// The durable record of every inbound request. A request is recorded before Slack gets its ack and is
/// marked handled after its handler ran, so a crash in between loses nothing: pending rows are handled
/// again at start.
/// </summary>
public interface ISlackInbox
{
    /// <summary>Records the request; returns once it is durable. Duplicates (same dedupe key) are reported, not stored.</summary>
    Task<InboxAdmission> RecordAsync(SlackInboundRequest request, string? secondaryKey, CancellationToken ct);

    /// <summary>Records a request that needs no handling (nothing subscribes to it) as handled already, for dedupe and audit.</summary>
    Task<InboxAdmission> RecordHandledAsync(SlackInboundRequest request, CancellationToken ct);

    Task MarkHandledAsync(long id, CancellationToken ct);

    Task MarkFailedAsync(long id, int attempts, string error, bool park, CancellationToken ct);

    Task<IReadOnlyList<InboxRecord>> GetPendingAsync(int limit, CancellationToken ct);

    Task<IReadOnlyList<InboxParkedRecord>> GetParkedAsync(int limit, CancellationToken ct);

    /// <summary>Counts pending rows, and parked rows still inside the parked retention (older ones are on their way out).</summary>
    Task<InboxStats> GetStatsAsync(CancellationToken ct);
}

/// <summary>A parked request as the operator sees it; <see cref="ParkedAt"/> is when its last attempt failed.</summary>
public sealed record InboxParkedRecord(long Id, string Kind, string DedupeKey, int Attempts, string? LastError, DateTimeOffset ReceivedAt, DateTimeOffset? ParkedAt = null);
