namespace SlackFeedbackBot.Slack.Retention;

/// <summary>
/// One kind of row that is kept only for a while (handled inbox rows, finished outbox tasks, a feature's keys). The
/// <see cref="RetentionSweep"/> asks each one, in turn, to delete what has aged out; each deletes only in its own tables.
/// </summary>
public interface IRetentionPurge
{
    /// <summary>What is purged, for the log line ("handled Slack requests").</summary>
    string What { get; }

    /// <summary>Deletes (or forgets) what is older than its retention at <paramref name="now"/>; returns how many rows.</summary>
    Task<int> PurgeAsync(DateTimeOffset now, CancellationToken ct);
}
