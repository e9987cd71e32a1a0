using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Leases;

namespace SlackFeedbackBot.Slack.Inbox;

/// <summary>
/// The inbox in a PostgreSQL database several bot instances share. The unique dedupe and secondary keys drop a request
/// another instance already recorded. A recorded request belongs to the instance that recorded it, under a lease it
/// renews until the request is handled or parked; a request whose lease ran out (its instance died) is claimed by
/// another (<see cref="ClaimAsync"/>, <c>FOR UPDATE SKIP LOCKED</c>, so claims never wait on each other). Only the
/// holder marks a request. Each write is one statement in its own transaction; PostgreSQL flushes the log of
/// concurrent commits together.
/// </summary>
public sealed class PostgresSlackInbox : ILeasedSlackInbox, IPurgeableInbox, IReleasesLeases, IAsyncDisposable
{
    private const string Columns =
        "id AS Id, kind AS Kind, payload AS Payload, dedupe_key AS DedupeKey, retry_num AS RetryNum, received_at AS ReceivedAt, attempts AS Attempts";

    private readonly NpgsqlDataSource _database;
    private readonly TimeProvider _time;
    private readonly ILogger<PostgresSlackInbox> _log;
    private readonly LeaseHolder _holder;
    private readonly TimeSpan _parkedRetention;
    private readonly HeldLeases _held;

    public PostgresSlackInbox(string connectionString, LeaseHolder holder, TimeProvider time, ILogger<PostgresSlackInbox> log, TimeSpan? parkedRetention = null)
    {
        _parkedRetention = parkedRetention ?? SqliteSlackInbox.DefaultParkedRetention;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_parkedRetention, TimeSpan.Zero, nameof(parkedRetention));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(holder.Duration, TimeSpan.Zero, nameof(holder));
        _database = NpgsqlDataSource.Create(connectionString);
        _holder = holder;
        _time = time;
        _log = log;
        SharedSchema.Ensure(_database,
            """
            CREATE TABLE IF NOT EXISTS slack_inbox (
                id            bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                dedupe_key    text    NOT NULL UNIQUE,
                secondary_key text    UNIQUE,
                kind          text    NOT NULL,
                payload       text    NOT NULL,
                retry_num     integer NOT NULL,
                received_at   bigint  NOT NULL,
                status        integer NOT NULL,
                attempts      integer NOT NULL,
                last_error    text,
                handled_at    bigint,
                lease_owner   text,
                lease_until   bigint
            );
            CREATE INDEX IF NOT EXISTS slack_inbox_by_status ON slack_inbox (status, id);
            """);
        _held = new HeldLeases(time, holder.Duration, RenewAsync, EndLeasesAsync, log, "Slack requests");
    }

    /// <summary>The requests this instance holds now (recorded or claimed, not yet handled or parked).</summary>
    internal int Held => _held.Count;

    public async Task<InboxAdmission> RecordAsync(SlackInboundRequest request, string? secondaryKey, CancellationToken ct)
    {
        var admission = await InsertAsync(request, secondaryKey, InboxStatus.Pending, ct);
        if (!admission.IsDuplicate)
        {
            _held.Hold(admission.Id);
        }

        return admission;
    }

    public Task<InboxAdmission> RecordHandledAsync(SlackInboundRequest request, CancellationToken ct) =>
        InsertAsync(request, null, InboxStatus.Handled, ct);

    private async Task<InboxAdmission> InsertAsync(SlackInboundRequest request, string? secondaryKey, InboxStatus status, CancellationToken ct)
    {
        var now = Now();
        var pending = status == InboxStatus.Pending;
        await using var connection = await _database.OpenConnectionAsync(ct);
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO slack_inbox (dedupe_key, secondary_key, kind, payload, retry_num, received_at, status, attempts, lease_owner, lease_until)
            VALUES (@DedupeKey, @secondaryKey, @kind, @PayloadJson, @RetryNum, @received, @status, 0, @owner, @until)
            ON CONFLICT DO NOTHING
            RETURNING id
            """,
            new
            {
                request.DedupeKey,
                secondaryKey,
                kind = request.Kind.ToString(),
                request.PayloadJson,
                request.RetryNum,
                received = request.ReceivedAt.ToUnixTimeMilliseconds(),
                status = (int)status,
                owner = pending ? _holder.InstanceId : null,
                until = pending ? now + LeaseMs : (long?)null,
            },
            cancellationToken: ct));
        return id is { } newId ? new InboxAdmission(newId, false) : InboxAdmission.Duplicate;
    }

    public async Task<IReadOnlyList<InboxRecord>> ClaimAsync(int limit, CancellationToken ct)
    {
        var now = Now();
        await using var connection = await _database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<PendingRow>(new CommandDefinition(
            $"""
            UPDATE slack_inbox SET lease_owner = @owner, lease_until = @until
            WHERE id IN (
                SELECT id FROM slack_inbox
                WHERE status = 0 AND (lease_until IS NULL OR lease_until < @now)
                ORDER BY id LIMIT @limit
                FOR UPDATE SKIP LOCKED)
            RETURNING {Columns}
            """,
            new { owner = _holder.InstanceId, until = now + LeaseMs, now, limit },
            cancellationToken: ct));
        var claimed = rows.OrderBy(r => r.Id).Select(ToRecord).ToList();
        foreach (var record in claimed)
        {
            _held.Hold(record.Id);
        }

        return claimed;
    }

    public async Task MarkHandledAsync(long id, CancellationToken ct)
    {
        await using var connection = await _database.OpenConnectionAsync(ct);
        var marked = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE slack_inbox SET status = 1, handled_at = @now, lease_owner = NULL, lease_until = NULL
            WHERE id = @id AND status = 0 AND lease_owner = @owner
            """,
            new { id, now = Now(), owner = _holder.InstanceId },
            cancellationToken: ct));
        _held.Release(id);
        if (marked == 0)
        {
            // Its handler ran here, but the lease ran out first: the instance that took it over runs it again.
            _log.LogWarning("Slack request {InboxId} was handled after its lease ran out; the instance that took it over handles it again", id);
        }
    }

    public async Task MarkFailedAsync(long id, int attempts, string error, bool park, CancellationToken ct)
    {
        var now = Now();
        await using var connection = await _database.OpenConnectionAsync(ct);
        var marked = await connection.ExecuteAsync(new CommandDefinition(
            park
                ? """
                  UPDATE slack_inbox SET status = 2, attempts = @attempts, last_error = @error, handled_at = @now, lease_owner = NULL, lease_until = NULL
                  WHERE id = @id AND status = 0 AND lease_owner = @owner
                  """
                : """
                  UPDATE slack_inbox SET attempts = @attempts, last_error = @error, handled_at = @now, lease_until = @until
                  WHERE id = @id AND status = 0 AND lease_owner = @owner
                  """,
            new { id, attempts, error, now, until = now + LeaseMs, owner = _holder.InstanceId },
            cancellationToken: ct));
        if (park || marked == 0)
        {
            _held.Release(id);
        }

        if (marked == 0)
        {
            throw new InboxLeaseLostException(id);
        }
    }

    public async Task<IReadOnlyList<InboxRecord>> GetPendingAsync(int limit, CancellationToken ct)
    {
        await using var connection = await _database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<PendingRow>(new CommandDefinition(
            $"SELECT {Columns} FROM slack_inbox WHERE status = 0 ORDER BY id LIMIT @limit", new { limit }, cancellationToken: ct));
        return rows.Select(ToRecord).ToList();
    }

    public async Task<IReadOnlyList<InboxParkedRecord>> GetParkedAsync(int limit, CancellationToken ct)
    {
        await using var connection = await _database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<ParkedRow>(new CommandDefinition(
            InboxQueries.Parked,
            new { limit },
            cancellationToken: ct));
        return rows.Select(r => new InboxParkedRecord(
            r.Id, r.Kind, r.DedupeKey, r.Attempts, r.LastError, DateTimeOffset.FromUnixTimeMilliseconds(r.ReceivedAt),
            r.ParkedAt is { } parked ? DateTimeOffset.FromUnixTimeMilliseconds(parked) : null)).ToList();
    }

    public async Task<InboxStats> GetStatsAsync(CancellationToken ct)
    {
        await using var connection = await _database.OpenConnectionAsync(ct);
        return await InboxQueries.StatsAsync(connection, _time.GetUtcNow() - _parkedRetention, ct);
    }

    /// <summary>Deletes handled rows received before <paramref name="handledBefore"/> and parked rows parked before
    /// <paramref name="parkedBefore"/>, whichever instance runs the sweep.</summary>
    public async Task<(int Handled, int Parked)> PurgeAsync(DateTimeOffset handledBefore, DateTimeOffset parkedBefore, CancellationToken ct)
    {
        await using var connection = await _database.OpenConnectionAsync(ct);
        return await InboxQueries.PurgeAsync(connection, handledBefore, parkedBefore, ct);
    }

    /// <summary>Renews the leases this instance holds now (the timer does so every third of the lease).</summary>
    internal Task RenewLeasesAsync() => _held.RenewAsync();

    /// <inheritdoc />
    public Task ReleaseHeldAsync() => _held.ReleaseAllAsync();

    /// <summary>Stops renewing; the leases still held run out and other instances take those requests over.</summary>
    public async ValueTask DisposeAsync()
    {
        await _held.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<IReadOnlyCollection<long>> RenewAsync(long[] ids)
    {
        await using var connection = await _database.OpenConnectionAsync();
        var kept = await connection.QueryAsync<long>(
            "UPDATE slack_inbox SET lease_until = @until WHERE id = ANY(@ids) AND status = 0 AND lease_owner = @owner RETURNING id",
            new { ids, until = Now() + LeaseMs, owner = _holder.InstanceId });
        return kept.ToList();
    }

    // The lease ends now (just before, for a claim that compares at this very millisecond); the owner stays, so a worker
    // of this instance still finishing can record its outcome until another instance claims the row.
    private async Task<int> EndLeasesAsync(long[] ids)
    {
        await using var connection = await _database.OpenConnectionAsync();
        return await connection.ExecuteAsync(
            "UPDATE slack_inbox SET lease_until = @now - 1 WHERE id = ANY(@ids) AND status = 0 AND lease_owner = @owner",
            new { ids, now = Now(), owner = _holder.InstanceId });
    }

    private long LeaseMs => (long)_holder.Duration.TotalMilliseconds;

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static InboxRecord ToRecord(PendingRow r) => new(
        r.Id,
        new SlackInboundRequest(Enum.Parse<SlackRequestKind>(r.Kind), r.Payload, r.DedupeKey, r.RetryNum, DateTimeOffset.FromUnixTimeMilliseconds(r.ReceivedAt)),
        r.Attempts);

    private sealed record PendingRow(long Id, string Kind, string Payload, string DedupeKey, int RetryNum, long ReceivedAt, int Attempts);

    private sealed record ParkedRow(long Id, string Kind, string DedupeKey, int Attempts, string? LastError, long ReceivedAt, long? ParkedAt);
}
