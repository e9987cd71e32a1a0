using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using SlackFeedbackBot.Slack.Hosting;

namespace SlackFeedbackBot.Slack.Inbox;

/// <summary>
/// What an operator does with parked requests: list them, set them back to pending (the running bot picks them up
/// within seconds, or the next start does) or drop them. Each change is one short statement, so it runs beside a
/// running bot; SQLite's busy timeout covers the moment the inbox writer holds the lock. On PostgreSQL a request set
/// back to pending has no lease, so whichever instance polls next claims it.
/// </summary>
public sealed class ParkedRequests(string connectionString, SlackStorageProvider provider = SlackStorageProvider.Sqlite)
{
    private bool Postgres => provider == SlackStorageProvider.Postgres;

    /// <summary>Whether the database has an inbox at all (the bot creates it at its first start).</summary>
    public async Task<bool> ExistsAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            Postgres
                ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'slack_inbox'"
                : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'slack_inbox'",
            cancellationToken: ct)) > 0;
    }

    public async Task<IReadOnlyList<InboxParkedRecord>> ListAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT id AS Id, kind AS Kind, dedupe_key AS DedupeKey, attempts AS Attempts, last_error AS LastError,
                   received_at AS ReceivedAt, handled_at AS ParkedAt
            FROM slack_inbox WHERE status = 2 ORDER BY id
            """,
            cancellationToken: ct));
        return rows.Select(r => new InboxParkedRecord(
            r.Id, r.Kind, r.DedupeKey, (int)r.Attempts, r.LastError, DateTimeOffset.FromUnixTimeMilliseconds(r.ReceivedAt),
            r.ParkedAt is { } parked ? DateTimeOffset.FromUnixTimeMilliseconds(parked) : null)).ToList();
    }

    /// <summary>Sets one parked request back to pending with its attempts reset; false when no parked request has that id.</summary>
    public async Task<bool> RetryAsync(long id, CancellationToken ct) => await RetryWhereAsync("id = @id", new { id }, ct) == 1;

    public Task<int> RetryAllAsync(CancellationToken ct) => RetryWhereAsync("1 = 1", null, ct);

    /// <summary>Deletes one parked request; false when no parked request has that id.</summary>
    public async Task<bool> DropAsync(long id, CancellationToken ct) => await DropWhereAsync("id = @id", new { id }, ct) == 1;

    public Task<int> DropAllAsync(CancellationToken ct) => DropWhereAsync("1 = 1", null, ct);

    private async Task<int> RetryWhereAsync(string condition, object? parameters, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE slack_inbox SET status = 0, attempts = 0{(Postgres ? ", lease_owner = NULL, lease_until = NULL" : "")} WHERE status = 2 AND {condition}",
            parameters,
            cancellationToken: ct));
    }

    private async Task<int> DropWhereAsync(string condition, object? parameters, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM slack_inbox WHERE status = 2 AND {condition}", parameters, cancellationToken: ct));
    }

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        DbConnection connection = Postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    // Settable properties, not a constructor: attempts is an integer column on PostgreSQL and a 64-bit one on SQLite,
    // and Dapper converts into properties where a constructor would have to match one of them exactly.
    private sealed class Row
    {
        public long Id { get; set; }
        public string Kind { get; set; } = "";
        public string DedupeKey { get; set; } = "";
        public long Attempts { get; set; }
        public string? LastError { get; set; }
        public long ReceivedAt { get; set; }
        public long? ParkedAt { get; set; }
    }
}
