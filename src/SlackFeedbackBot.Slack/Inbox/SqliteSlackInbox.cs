using System.Diagnostics;
using System.Threading.Channels;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Slack.Inbox;

/// <summary>
/// The inbox in SQLite. All writes go through one writer that commits them in groups: thousands of
/// requests a second share a handful of transactions, and each caller still returns only once its own
/// row is committed (WAL, synchronous=NORMAL: durable across a process crash). The log is kept small by
/// <see cref="WalSizeGuard"/>.
/// </summary>
public sealed class SqliteSlackInbox : ISlackInbox, IPurgeableInbox, IAsyncDisposable
{
    private const int MaxBatch = 1024;

    /// <summary>How long a parked request is kept for the operator when the host does not say.</summary>
    public static readonly TimeSpan DefaultParkedRetention = TimeSpan.FromDays(14);

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly ILogger<SqliteSlackInbox> _log;
    private readonly TimeSpan _parkedRetention;
    private readonly SlackInboxMetrics? _metrics;
    private readonly Channel<WriteOp> _writes = Channel.CreateUnbounded<WriteOp>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _checkpointWanted = new(0, 1);
    private readonly WalSizeGuard _walGuard;
    private readonly Task _writer;
    private readonly Task _checkpointer;

    /// <param name="walThresholdBytes">The size of the write-ahead log at which the writer resets it.</param>
    /// <param name="parkedRetention">How long after it was parked a request is counted by <see cref="GetStatsAsync"/>; default 14 days
    /// (the retention sweep deletes it then, through <see cref="PurgeAsync"/>).</param>
    /// <param name="metrics">Where the writer records its waits and commits; none when null.</param>
    public SqliteSlackInbox(
        string connectionString,
        TimeProvider time,
        ILogger<SqliteSlackInbox> log,
        long walThresholdBytes = WalSizeGuard.DefaultThresholdBytes,
        TimeSpan? parkedRetention = null,
        SlackInboxMetrics? metrics = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(walThresholdBytes);
        _parkedRetention = parkedRetention ?? DefaultParkedRetention;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_parkedRetention, TimeSpan.Zero, nameof(parkedRetention));
        _connectionString = connectionString;
        _time = time;
        _log = log;
        _metrics = metrics;
        using (var connection = Open())
        {
            SlackInboxSchema.Ensure(connection);
            _walGuard = new WalSizeGuard(connection.DataSource, walThresholdBytes, log, RequestCheckpoint, metrics);
        }

        // Both loops block in SQLite (a commit, a checkpoint's fsync): on threads of their own, so that requests are never
        // queued behind them on a thread pool that has as few threads as the machine has cores.
        _writer = Task.Factory.StartNew(WriteLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _checkpointer = Task.Factory.StartNew(CheckpointLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public Task<InboxAdmission> RecordAsync(SlackInboundRequest request, string? secondaryKey, CancellationToken ct)
    {
        var op = new InsertOp(request, secondaryKey);
        Enqueue(op);
        return op.Done.Task.WaitAsync(ct);
    }

    public Task<InboxAdmission> RecordHandledAsync(SlackInboundRequest request, CancellationToken ct)
    {
        var op = new InsertOp(request, null) { Handled = true };
        Enqueue(op);
        return op.Done.Task.WaitAsync(ct);
    }

    public Task MarkHandledAsync(long id, CancellationToken ct)
    {
        var op = new UpdateOp(id, InboxStatus.Handled, null, null);
        Enqueue(op);
        return op.Done.Task.WaitAsync(ct);
    }

    public Task MarkFailedAsync(long id, int attempts, string error, bool park, CancellationToken ct)
    {
        var op = new UpdateOp(id, park ? InboxStatus.Parked : InboxStatus.Pending, attempts, error);
        Enqueue(op);
        return op.Done.Task.WaitAsync(ct);
    }

    public async Task<IReadOnlyList<InboxRecord>> GetPendingAsync(int limit, CancellationToken ct)
    {
        await using var connection = Open();
        var rows = await connection.QueryAsync<PendingRow>(new CommandDefinition(
            """
            SELECT id AS Id, kind AS Kind, payload AS Payload, dedupe_key AS DedupeKey, retry_num AS RetryNum,
                   received_at AS ReceivedAt, attempts AS Attempts
            FROM slack_inbox WHERE status = 0 ORDER BY id LIMIT @limit
            """,
            new { limit },
            cancellationToken: ct));
        return rows.Select(r => new InboxRecord(
            r.Id,
            new SlackInboundRequest(Enum.Parse<SlackRequestKind>(r.Kind), r.Payload, r.DedupeKey, (int)r.RetryNum, DateTimeOffset.FromUnixTimeMilliseconds(r.ReceivedAt)),
            (int)r.Attempts)).ToList();
    }

    public async Task<IReadOnlyList<InboxParkedRecord>> GetParkedAsync(int limit, CancellationToken ct)
    {
        await using var connection = Open();
        var rows = await connection.QueryAsync<ParkedRow>(new CommandDefinition(
            InboxQueries.Parked,
            new { limit },
            cancellationToken: ct));
        return rows.Select(r => new InboxParkedRecord(
            r.Id, r.Kind, r.DedupeKey, (int)r.Attempts, r.LastError, DateTimeOffset.FromUnixTimeMilliseconds(r.ReceivedAt),
            r.ParkedAt is { } parked ? DateTimeOffset.FromUnixTimeMilliseconds(parked) : null)).ToList();
    }

    public async Task<InboxStats> GetStatsAsync(CancellationToken ct)
    {
        await using var connection = Open();
        return await InboxQueries.StatsAsync(connection, _time.GetUtcNow() - _parkedRetention, ct);
    }

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        try
        {
            await _writer.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // The writer is stuck on the database; its callers get their exceptions through cancellation.
        }

        await _stopping.CancelAsync();
        await _checkpointer;

        _stopping.Dispose();
        _checkpointWanted.Dispose();
    }

    private void Enqueue(WriteOp op)
    {
        if (_metrics is { Enabled: true })
        {
            op.QueuedTimestamp = Stopwatch.GetTimestamp();
        }

        if (!_writes.Writer.TryWrite(op))
        {
            op.Fail(new ObjectDisposedException(nameof(SqliteSlackInbox), "The inbox is shutting down."));
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private void WriteLoop()
    {
        var batch = new List<WriteOp>(MaxBatch);
        using var connection = Open();
        using (var pragma = connection.CreateCommand())
        {
            // Passive checkpoints run on their own thread (CheckpointLoopAsync), so a commit never waits for one; the guard
            // resets the log between commits once it is large. Its checkpoint waits up to busy_timeout for readers to move on.
            pragma.CommandText = $"PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit={WalSizeGuard.JournalSizeLimitBytes}; PRAGMA busy_timeout=100;";
            pragma.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.CommandText =
            """
            INSERT OR IGNORE INTO slack_inbox (dedupe_key, secondary_key, kind, payload, retry_num, received_at, status, attempts)
            VALUES ($dedupe, $secondary, $kind, $payload, $retry, $received, $status, 0)
            RETURNING id
            """;
        var pDedupe = insert.Parameters.Add("$dedupe", SqliteType.Text);
        var pSecondary = insert.Parameters.Add("$secondary", SqliteType.Text);
        var pKind = insert.Parameters.Add("$kind", SqliteType.Text);
        var pPayload = insert.Parameters.Add("$payload", SqliteType.Text);
        var pRetry = insert.Parameters.Add("$retry", SqliteType.Integer);
        var pReceived = insert.Parameters.Add("$received", SqliteType.Integer);
        var pStatus = insert.Parameters.Add("$status", SqliteType.Integer);

        using var update = connection.CreateCommand();
        update.CommandText =
            """
            UPDATE slack_inbox
            SET status = $status, attempts = COALESCE($attempts, attempts), last_error = COALESCE($error, last_error), handled_at = $now
            WHERE id = $id
            """;
        var uStatus = update.Parameters.Add("$status", SqliteType.Integer);
        var uAttempts = update.Parameters.Add("$attempts", SqliteType.Integer);
        var uError = update.Parameters.Add("$error", SqliteType.Text);
        var uNow = update.Parameters.Add("$now", SqliteType.Integer);
        var uId = update.Parameters.Add("$id", SqliteType.Integer);

        var reader = _writes.Reader;
        while (WaitToRead(reader))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var op))
            {
                batch.Add(op);
            }

            var results = new object?[batch.Count];
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var tx = connection.BeginTransaction();
                insert.Transaction = tx;
                update.Transaction = tx;
                var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
                for (var i = 0; i < batch.Count; i++)
                {
                    switch (batch[i])
                    {
                        case InsertOp ins:
                            pDedupe.Value = ins.Request.DedupeKey;
                            pSecondary.Value = (object?)ins.SecondaryKey ?? DBNull.Value;
                            pKind.Value = ins.Request.Kind.ToString();
                            pPayload.Value = ins.Request.PayloadJson;
                            pRetry.Value = ins.Request.RetryNum;
                            pReceived.Value = ins.Request.ReceivedAt.ToUnixTimeMilliseconds();
                            pStatus.Value = ins.Handled ? (int)InboxStatus.Handled : (int)InboxStatus.Pending;
                            var id = insert.ExecuteScalar();
                            results[i] = id is long newId ? new InboxAdmission(newId, false) : InboxAdmission.Duplicate;
                            break;
                        case UpdateOp upd:
                            uStatus.Value = (int)upd.Status;
                            uAttempts.Value = (object?)upd.Attempts ?? DBNull.Value;
                            uError.Value = (object?)upd.Error ?? DBNull.Value;
                            uNow.Value = now;
                            uId.Value = upd.Id;
                            update.ExecuteNonQuery();
                            break;
                    }
                }

                tx.Commit();
            }
            catch (Exception ex)
            {
                _log.LogError(ex, "The Slack inbox could not commit {Count} writes; their requests are answered with an error so Slack retries them", batch.Count);
                foreach (var op in batch)
                {
                    op.Fail(ex);
                }

                continue;
            }

            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Complete(results[i]);
            }

            RecordCommit(started, batch);

            KeepWalSmall(connection, batch.Count);
        }
    }

    // A passive checkpoint copies committed pages into the database file without blocking the writer: once a second,
    // and once more when the log nears the reset threshold (the guard asks), so that the writer's reset finds little left to copy.
    private void CheckpointLoop()
    {
        using var timer = _time.CreateTimer(_ => RequestCheckpoint(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        SqliteConnection? connection = null;
        try
        {
            while (true)
            {
                _checkpointWanted.Wait(_stopping.Token);
                try
                {
                    connection ??= Open();
                    if (_walGuard.CheckpointPassive(connection) is { } took)
                    {
                        _metrics?.Checkpointed(took);
                    }
                }
                catch (SqliteException ex)
                {
                    _log.LogDebug(ex, "A background WAL checkpoint did not complete; the next one will");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private void RequestCheckpoint()
    {
        try
        {
            if (_checkpointWanted.CurrentCount == 0)
            {
                _checkpointWanted.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already requested by the timer or the writer at the same moment.
        }
    }

    private void RecordCommit(long started, List<WriteOp> batch)
    {
        if (_metrics is null)
        {
            return;
        }

        _metrics.Committed(started, batch.Count);
        foreach (var op in batch)
        {
            if (op.QueuedTimestamp != 0)
            {
                _metrics.Waited(op.QueuedTimestamp);
            }
        }
    }

    private void KeepWalSmall(SqliteConnection connection, int writes)
    {
        try
        {
            _walGuard.AfterCommit(connection, writes);
        }
        catch (SqliteException ex)
        {
            _log.LogWarning(ex, "The inbox could not reset its write-ahead log; it tries again after the next commit");
        }
    }

    private bool WaitToRead(ChannelReader<WriteOp> reader)
    {
        try
        {
            var wait = reader.WaitToReadAsync(_stopping.Token);
            return wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Deletes handled rows received before <paramref name="handledBefore"/> (until then they recognise Slack's retries:
    /// up to ~1 h, or 24 h with delayed events) and parked rows parked before <paramref name="parkedBefore"/>. A short
    /// statement beside the writer, as `inbox drop` is.
    /// </summary>
    public async Task<(int Handled, int Parked)> PurgeAsync(DateTimeOffset handledBefore, DateTimeOffset parkedBefore, CancellationToken ct)
    {
        await using var connection = Open();
        return await InboxQueries.PurgeAsync(connection, handledBefore, parkedBefore, ct);
    }

    private abstract class WriteOp
    {
        /// <summary>When the write was queued (<see cref="Stopwatch"/> ticks); 0 while no one reads the metrics.</summary>
        public long QueuedTimestamp { get; set; }

        public abstract void Complete(object? result);

        public abstract void Fail(Exception ex);
    }

    private sealed class InsertOp(SlackInboundRequest request, string? secondaryKey) : WriteOp
    {
        public SlackInboundRequest Request { get; } = request;
        public string? SecondaryKey { get; } = secondaryKey;
        public bool Handled { get; init; }
        public TaskCompletionSource<InboxAdmission> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Complete(object? result) => Done.TrySetResult((InboxAdmission)result!);

        public override void Fail(Exception ex) => Done.TrySetException(ex);
    }

    private sealed class UpdateOp(long id, InboxStatus status, int? attempts, string? error) : WriteOp
    {
        public long Id { get; } = id;
        public InboxStatus Status { get; } = status;
        public int? Attempts { get; } = attempts;
        public string? Error { get; } = error;
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Complete(object? result) => Done.TrySetResult();

        public override void Fail(Exception ex) => Done.TrySetException(ex);
    }

    private sealed record PendingRow(long Id, string Kind, string Payload, string DedupeKey, long RetryNum, long ReceivedAt, long Attempts);

    private sealed record ParkedRow(long Id, string Kind, string DedupeKey, long Attempts, string? LastError, long ReceivedAt, long? ParkedAt);
}
