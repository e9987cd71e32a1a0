using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;

namespace SlackFeedbackBot.Slack.Outbox;

/// <summary>
/// The outbox table. Each change is one statement: a task is marked done in the same statement that stores its result,
/// so a restart finds it either pending (and runs it) or done (and leaves it).
/// </summary>
public sealed class SqliteSlackOutbox : IOutboxStore
{
    private readonly string _connectionString;
    private readonly OutboxClock _clock;

    public SqliteSlackOutbox(string connectionString, OutboxClock clock)
    {
        _connectionString = connectionString;
        _clock = clock;
        using var connection = Open();
        SlackOutboxSchema.Ensure(connection);
    }

    public event Action? Enqueued;

    public async Task<bool> EnqueueAsync(string key, OutboxTask task, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var now = Now();
        await using var connection = Open();
        var added = await InsertAsync(connection, key, task, now, ct);
        if (added)
        {
            Enqueued?.Invoke();
        }

        return added;
    }

    /// <summary>The insert both outbox stores run (SQLite and PostgreSQL read it alike): true when the key was new.</summary>
    internal static async Task<bool> InsertAsync(System.Data.Common.DbConnection connection, string key, OutboxTask task, long now, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO slack_outbox (idempotency_key, kind, payload, pacing_channel, status, attempts, next_attempt_at, created_at)
            VALUES (@key, @Kind, @payload, @PacingChannel, 'pending', 0, @now, @now)
            ON CONFLICT (idempotency_key) DO NOTHING
            """,
            new { key, task.Kind, payload = task.Payload.ToJsonString(), task.PacingChannel, now }, cancellationToken: ct)) == 1;

    private const string BacklogSql = """
        SELECT
            (SELECT COUNT(*) FROM slack_outbox WHERE status = 'pending'),
            (SELECT MIN(created_at) FROM slack_outbox WHERE status = 'pending'),
            (SELECT COUNT(*) FROM slack_outbox WHERE status = 'failed')
        """;

    public async Task<OutboxBacklog> BacklogAsync(CancellationToken ct = default)
    {
        await using var connection = Open();
        return ToBacklog(await connection.QuerySingleAsync<(long Pending, long? Oldest, long Failed)>(new CommandDefinition(BacklogSql, cancellationToken: ct)));
    }

    public OutboxBacklog Backlog()
    {
        using var connection = Open();
        return ToBacklog(connection.QuerySingle<(long Pending, long? Oldest, long Failed)>(BacklogSql));
    }

    private static OutboxBacklog ToBacklog((long Pending, long? Oldest, long Failed) row) =>
        new((int)row.Pending, row.Oldest is { } oldest ? DateTimeOffset.FromUnixTimeMilliseconds(oldest) : null, (int)row.Failed);

    public async Task<IReadOnlyList<DueTask>> DueAsync(int limit, IReadOnlyCollection<long> running, CancellationToken ct)
    {
        await using var connection = Open();
        var rows = await connection.QueryAsync<DueRow>(new CommandDefinition(
            """
            SELECT id AS Id, idempotency_key AS Key, kind AS Kind, payload AS Payload, pacing_channel AS PacingChannel, attempts AS Attempts,
                   sending_since AS SendingSince
            FROM slack_outbox
            WHERE status = 'pending' AND next_attempt_at <= @now AND id NOT IN @running
            ORDER BY next_attempt_at, id
            LIMIT @limit
            """,
            new { now = Now(), running, limit }, cancellationToken: ct));
        return [.. rows.Select(r => new DueTask(r.Id, r.Key, r.Kind, r.Payload, r.PacingChannel, (int)r.Attempts, r.SendingSince is { } since ? DateTimeOffset.FromUnixTimeMilliseconds(since) : null))];
    }

    // One instance owns the file: what the drainer did not start is simply left pending.
    public Task ReleaseAsync(IReadOnlyCollection<long> ids) => Task.CompletedTask;

    public async Task<DateTimeOffset?> NextDueAsync(IReadOnlyCollection<long> running, CancellationToken ct)
    {
        await using var connection = Open();
        var next = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MIN(next_attempt_at) FROM slack_outbox WHERE status = 'pending' AND id NOT IN @running", new { running }, cancellationToken: ct));
        return next is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    public Task MarkSendingAsync(long id) =>
        ExecuteAsync("UPDATE slack_outbox SET sending_since = COALESCE(sending_since, @now) WHERE id = @id AND status = 'pending'", new { id, now = Now() });

    public Task RememberAsync(long id, string field, string value) =>
        ExecuteAsync("UPDATE slack_outbox SET payload = json_set(payload, '$.' || @field, @value) WHERE id = @id AND status = 'pending'", new { id, field, value });

    public Task CompleteAsync(long id, string? result) =>
        ExecuteAsync(
            "UPDATE slack_outbox SET status = 'done', attempts = attempts + 1, result = @result, last_error = NULL, done_at = @now WHERE id = @id AND status = 'pending'",
            new { id, result, now = Now() });

    public Task FailAsync(long id, string error) =>
        ExecuteAsync(
            "UPDATE slack_outbox SET status = 'failed', attempts = attempts + 1, last_error = @error, done_at = @now WHERE id = @id AND status = 'pending'",
            new { id, error, now = Now() });

    public Task RescheduleAsync(long id, DateTimeOffset at, string? error, bool settled = false) =>
        ExecuteAsync(
            error is null
                ? "UPDATE slack_outbox SET next_attempt_at = @at WHERE id = @id AND status = 'pending'"
                : settled
                    ? "UPDATE slack_outbox SET next_attempt_at = @at, attempts = attempts + 1, last_error = @error, sending_since = NULL WHERE id = @id AND status = 'pending'"
                    : "UPDATE slack_outbox SET next_attempt_at = @at, attempts = attempts + 1, last_error = @error WHERE id = @id AND status = 'pending'",
            new { id, at = at.ToUnixTimeMilliseconds(), error });

    public Task<int> PurgeAsync(DateTimeOffset doneBefore, DateTimeOffset failedBefore) =>
        ExecuteAsync(
            "DELETE FROM slack_outbox WHERE (status = 'done' AND done_at < @doneBefore) OR (status = 'failed' AND done_at < @failedBefore)",
            new { doneBefore = doneBefore.ToUnixTimeMilliseconds(), failedBefore = failedBefore.ToUnixTimeMilliseconds() });

    private async Task<int> ExecuteAsync(string sql, object args)
    {
        // Not cancellable: a result Slack already gave must be recorded even while the host stops.
        await using var connection = Open();
        return await connection.ExecuteAsync(sql, args);
    }

    private long Now() => _clock.Time.GetUtcNow().ToUnixTimeMilliseconds();

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private sealed record DueRow(long Id, string Key, string Kind, string Payload, string? PacingChannel, long Attempts, long? SendingSince);
}

/// <summary>A pending task that is due.</summary>
public sealed record DueTask(long Id, string Key, string Kind, string Payload, string? PacingChannel, int Attempts, DateTimeOffset? SendingSince)
{
    public OutboxTaskContext Context() => new(Id, Key, Kind, JsonNode.Parse(Payload)!.AsObject(), Attempts + 1, SendingSince);
}

/// <summary>The outbox's clock: the app's <see cref="TimeProvider"/>, unless a host (a test on a fake clock) keeps the
/// outbox, like the HTTP client's retries and pacing, on real time.</summary>
public sealed record OutboxClock(TimeProvider Time);
