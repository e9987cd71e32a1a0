using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using SlackFeedbackBot.Slack.Leases;

namespace SlackFeedbackBot.Slack.Outbox;

/// <summary>
/// The outbox in a PostgreSQL database several bot instances share. The unique idempotency key keeps one task per key
/// whichever instance enqueues it. A drainer claims due tasks under a lease (<c>FOR UPDATE SKIP LOCKED</c>, so two never
/// take the same one) and renews it while the task runs; the task's attempt, its outcome and any reschedule are
/// written only by the holder, and give the lease back. A task whose holder died is claimed by another instance when
/// its lease runs out, and is then in doubt like any task a crash interrupted (see <see cref="OutboxPost"/>), so it is
/// still sent once.
/// </summary>
public sealed class PostgresSlackOutbox : IOutboxStore, IReleasesLeases, IAsyncDisposable
{
    private const string Pending = "status = 'pending'";
    private const string Mine = "id = @id AND status = 'pending' AND lease_owner = @owner";

    private readonly NpgsqlDataSource _database;
    private readonly OutboxClock _clock;
    private readonly LeaseHolder _holder;
    private readonly ILogger<PostgresSlackOutbox> _log;
    private readonly HeldLeases _held;

    public PostgresSlackOutbox(string connectionString, LeaseHolder holder, OutboxClock clock, ILogger<PostgresSlackOutbox> log)
    {
        _database = NpgsqlDataSource.Create(connectionString);
        _clock = clock;
        _holder = holder;
        _log = log;
        SharedSchema.Ensure(_database,
            """
            CREATE TABLE IF NOT EXISTS slack_outbox (
                id              bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                idempotency_key text    NOT NULL UNIQUE,
                kind            text    NOT NULL,
                payload         text    NOT NULL,
                pacing_channel  text,
                status          text    NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
                attempts        integer NOT NULL,
                next_attempt_at bigint  NOT NULL,
                last_error      text,
                result          text,
                created_at      bigint  NOT NULL,
                done_at         bigint,
                sending_since   bigint,
                lease_owner     text,
                lease_until     bigint
            );
            CREATE INDEX IF NOT EXISTS slack_outbox_due ON slack_outbox (status, next_attempt_at);
            """);
        _held = new HeldLeases(clock.Time, holder.Duration, RenewAsync, EndLeasesAsync, log, "outbox tasks");
    }

    public event Action? Enqueued;

    public async Task<bool> EnqueueAsync(string key, OutboxTask task, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var now = Now();
        await using var connection = await _database.OpenConnectionAsync(ct);
        var added = await SqliteSlackOutbox.InsertAsync(connection, key, task, now, ct);
        if (added)
        {
            Enqueued?.Invoke();
        }

        return added;
    }

    private const string BacklogSql = $"""
        SELECT
            (SELECT COUNT(*) FROM slack_outbox WHERE {Pending}) AS Pending,
            (SELECT MIN(created_at) FROM slack_outbox WHERE {Pending}) AS Oldest,
            (SELECT COUNT(*) FROM slack_outbox WHERE status = 'failed') AS Failed
        """;

    public async Task<OutboxBacklog> BacklogAsync(CancellationToken ct = default)
    {
        await using var connection = await _database.OpenConnectionAsync(ct);
        return ToBacklog(await connection.QuerySingleAsync<BacklogRow>(new CommandDefinition(BacklogSql, cancellationToken: ct)));
    }

    public OutboxBacklog Backlog()
    {
        using var connection = _database.OpenConnection();
        return ToBacklog(connection.QuerySingle<BacklogRow>(BacklogSql));
    }

    private static OutboxBacklog ToBacklog(BacklogRow row) =>
        new((int)row.Pending, row.Oldest is { } oldest ? DateTimeOffset.FromUnixTimeMilliseconds(oldest) : null, (int)row.Failed);

    /// <summary>Claims due tasks no live lease holds, for this instance.</summary>
    public async Task<IReadOnlyList<DueTask>> DueAsync(int limit, IReadOnlyCollection<long> running, CancellationToken ct)
    {
        var now = Now();
        await using var connection = await _database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<DueRow>(new CommandDefinition(
            $"""
            UPDATE slack_outbox SET lease_owner = @owner, lease_until = @until
            WHERE id IN (
                SELECT id FROM slack_outbox
                WHERE {Pending} AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until < @now) AND NOT (id = ANY(@running))
                ORDER BY next_attempt_at, id LIMIT @limit
                FOR UPDATE SKIP LOCKED)
            RETURNING id AS Id, idempotency_key AS Key, kind AS Kind, payload AS Payload, pacing_channel AS PacingChannel, attempts AS Attempts,
                      sending_since AS SendingSince, next_attempt_at AS NextAttemptAt
            """,
            new { owner = _holder.InstanceId, until = now + LeaseMs, now, running = running.ToArray(), limit }, cancellationToken: ct));
        var due = rows.OrderBy(r => r.NextAttemptAt).ThenBy(r => r.Id)
            .Select(r => new DueTask(r.Id, r.Key, r.Kind, r.Payload, r.PacingChannel, r.Attempts, r.SendingSince is { } since ? DateTimeOffset.FromUnixTimeMilliseconds(since) : null))
            .ToList();
        foreach (var task in due)
        {
            _held.Hold(task.Id);
        }

        return due;
    }

    public async Task ReleaseAsync(IReadOnlyCollection<long> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var connection = await _database.OpenConnectionAsync();
        await connection.ExecuteAsync(
            $"UPDATE slack_outbox SET lease_owner = NULL, lease_until = NULL WHERE id = ANY(@ids) AND {Pending} AND lease_owner = @owner",
            new { ids = ids.ToArray(), owner = _holder.InstanceId });
        foreach (var id in ids)
        {
            _held.Release(id);
        }
    }

    /// <summary>When the next pending task is due that this instance may claim (not running here, not held by another).</summary>
    public async Task<DateTimeOffset?> NextDueAsync(IReadOnlyCollection<long> running, CancellationToken ct)
    {
        await using var connection = await _database.OpenConnectionAsync(ct);
        var next = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"""
            SELECT MIN(next_attempt_at) FROM slack_outbox
            WHERE {Pending} AND NOT (id = ANY(@running)) AND (lease_until IS NULL OR lease_until < @now)
            """,
            new { running = running.ToArray(), now = Now() }, cancellationToken: ct));
        return next is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    public Task MarkSendingAsync(long id) =>
        HolderOnlyAsync(id, $"UPDATE slack_outbox SET sending_since = COALESCE(sending_since, @now), lease_until = @until WHERE {Mine}", new { id });

    public Task RememberAsync(long id, string field, string value) =>
        HolderOnlyAsync(id, $"UPDATE slack_outbox SET payload = jsonb_set(payload::jsonb, ARRAY[@field], to_jsonb(@value::text))::text WHERE {Mine}", new { id, field, value });

    public Task CompleteAsync(long id, string? result) =>
        FinishAsync(
            id,
            $"UPDATE slack_outbox SET status = 'done', attempts = attempts + 1, result = @result, last_error = NULL, done_at = @now, lease_owner = NULL, lease_until = NULL WHERE {Mine}",
            new { id, result });

    public Task FailAsync(long id, string error) =>
        FinishAsync(
            id,
            $"UPDATE slack_outbox SET status = 'failed', attempts = attempts + 1, last_error = @error, done_at = @now, lease_owner = NULL, lease_until = NULL WHERE {Mine}",
            new { id, error });

    public Task RescheduleAsync(long id, DateTimeOffset at, string? error, bool settled = false) =>
        FinishAsync(
            id,
            (error is null
                ? "UPDATE slack_outbox SET next_attempt_at = @at"
                : settled
                    ? "UPDATE slack_outbox SET next_attempt_at = @at, attempts = attempts + 1, last_error = @error, sending_since = NULL"
                    : "UPDATE slack_outbox SET next_attempt_at = @at, attempts = attempts + 1, last_error = @error")
            + $", lease_owner = NULL, lease_until = NULL WHERE {Mine}",
            new { id, at = at.ToUnixTimeMilliseconds(), error });

    public async Task<int> PurgeAsync(DateTimeOffset doneBefore, DateTimeOffset failedBefore)
    {
        await using var connection = await _database.OpenConnectionAsync();
        return await connection.ExecuteAsync(
            "DELETE FROM slack_outbox WHERE (status = 'done' AND done_at < @doneBefore) OR (status = 'failed' AND done_at < @failedBefore)",
            new { doneBefore = doneBefore.ToUnixTimeMilliseconds(), failedBefore = failedBefore.ToUnixTimeMilliseconds() });
    }

    /// <summary>Renews the leases on the tasks running here (the timer does so every third of the lease).</summary>
    internal Task RenewLeasesAsync() => _held.RenewAsync();

    /// <inheritdoc />
    public Task ReleaseHeldAsync() => _held.ReleaseAllAsync();

    /// <summary>Stops renewing; tasks still held run out of lease and other instances take them over.</summary>
    public async ValueTask DisposeAsync()
    {
        await _held.DisposeAsync();
        await _database.DisposeAsync();
    }

    // A write before or during the call: without the lease, another instance may be sending the task, so this one stops.
    private async Task HolderOnlyAsync(long id, string sql, object args)
    {
        if (await ExecuteAsync(sql, args) == 0)
        {
            _held.Release(id);
            throw new OutboxLeaseLostException(id);
        }
    }

    // The outcome: the lease goes with it. Not cancellable, like the SQLite store: a result Slack gave must be recorded.
    private async Task FinishAsync(long id, string sql, object args)
    {
        var written = await ExecuteAsync(sql, args);
        _held.Release(id);
        if (written == 0)
        {
            _log.LogWarning("Outbox task {TaskId} finished after its lease ran out; the instance that took it over looks for what Slack did first", id);
        }
    }

    private async Task<int> ExecuteAsync(string sql, object args)
    {
        var parameters = new DynamicParameters(args);
        var now = Now();
        parameters.Add("now", now);
        parameters.Add("until", now + LeaseMs);
        parameters.Add("owner", _holder.InstanceId);
        await using var connection = await _database.OpenConnectionAsync();
        return await connection.ExecuteAsync(sql, parameters);
    }

    private async Task<IReadOnlyCollection<long>> RenewAsync(long[] ids)
    {
        await using var connection = await _database.OpenConnectionAsync();
        var kept = await connection.QueryAsync<long>(
            $"UPDATE slack_outbox SET lease_until = @until WHERE id = ANY(@ids) AND {Pending} AND lease_owner = @owner RETURNING id",
            new { ids, until = Now() + LeaseMs, owner = _holder.InstanceId });
        return kept.ToList();
    }

    // The lease ends now (just before, for a claim that compares at this very millisecond); the owner stays, so a worker
    // of this instance still finishing can record its outcome until another instance claims the row.
    private async Task<int> EndLeasesAsync(long[] ids)
    {
        await using var connection = await _database.OpenConnectionAsync();
        return await connection.ExecuteAsync(
            $"UPDATE slack_outbox SET lease_until = @now - 1 WHERE id = ANY(@ids) AND {Pending} AND lease_owner = @owner",
            new { ids, now = Now(), owner = _holder.InstanceId });
    }

    private long LeaseMs => (long)_holder.Duration.TotalMilliseconds;

    private long Now() => _clock.Time.GetUtcNow().ToUnixTimeMilliseconds();

    private sealed record DueRow(long Id, string Key, string Kind, string Payload, string? PacingChannel, int Attempts, long? SendingSince, long NextAttemptAt);

    private sealed class BacklogRow
    {
        public long Pending { get; set; }
        public long? Oldest { get; set; }
        public long Failed { get; set; }
    }
}
