using System.Data.Common;
using Dapper;

namespace SlackFeedbackBot.Slack.Inbox;

/// <summary>The statements both inbox stores run as they are: SQLite and PostgreSQL read them alike.</summary>
internal static class InboxQueries
{
    /// <summary>The newest parked rows, up to <c>@limit</c>; each store reads them into its own column types.</summary>
    public const string Parked =
        """
        SELECT id AS Id, kind AS Kind, dedupe_key AS DedupeKey, attempts AS Attempts, last_error AS LastError, received_at AS ReceivedAt,
               handled_at AS ParkedAt
        FROM slack_inbox WHERE status = 2 ORDER BY id DESC LIMIT @limit
        """;

    /// <summary>Counts pending rows, and parked rows parked since <paramref name="parkedSince"/>.</summary>
    public static async Task<InboxStats> StatsAsync(DbConnection connection, DateTimeOffset parkedSince, CancellationToken ct)
    {
        var row = await connection.QuerySingleAsync<StatsRow>(new CommandDefinition(
            """
            SELECT
              (SELECT COUNT(*) FROM slack_inbox WHERE status = 0) AS Pending,
              (SELECT COUNT(*) FROM slack_inbox WHERE status = 2 AND handled_at >= @parkedSince) AS Parked,
              (SELECT MIN(received_at) FROM slack_inbox WHERE status = 0) AS OldestPending,
              (SELECT last_error FROM slack_inbox WHERE status = 2 AND handled_at >= @parkedSince ORDER BY id DESC LIMIT 1) AS LastParkedError
            """,
            new { parkedSince = parkedSince.ToUnixTimeMilliseconds() },
            cancellationToken: ct));
        return new InboxStats(
            row.Pending,
            row.Parked,
            row.OldestPending is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
            row.LastParkedError);
    }

    public static async Task<(int Handled, int Parked)> PurgeAsync(DbConnection connection, DateTimeOffset handledBefore, DateTimeOffset parkedBefore, CancellationToken ct)
    {
        var handled = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM slack_inbox WHERE status = 1 AND received_at < @cutoff", new { cutoff = handledBefore.ToUnixTimeMilliseconds() }, cancellationToken: ct));
        var parked = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM slack_inbox WHERE status = 2 AND handled_at < @cutoff", new { cutoff = parkedBefore.ToUnixTimeMilliseconds() }, cancellationToken: ct));
        return (handled, parked);
    }

    // Settable properties, not a constructor: the scalar subqueries have no declared column type for Dapper to match.
    private sealed class StatsRow
    {
        public long Pending { get; set; }
        public long Parked { get; set; }
        public long? OldestPending { get; set; }
        public string? LastParkedError { get; set; }
    }
}
