using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace SlackFeedbackBot.Slack.Inbox;

/// <summary>
/// Keeps the write-ahead log of the inbox's file small. Passive checkpoints copy pages into the database without
/// blocking anyone, but SQLite only starts the log over once every frame is copied, which never happens while
/// commits keep arriving: under steady load the log grows until the disk is full. Once the log passes the threshold,
/// the writer runs a RESTART checkpoint between two of its commits, when no passive checkpoint is running: its next
/// commit writes the log from the start again, over the file's old frames. (A TRUNCATE checkpoint also cut the file
/// to nothing, and the file system then freed its blocks and allocated them again as it regrew, on the writer's time.)
/// The file stays at about the threshold; when a reset finds it past twice the threshold, it is a TRUNCATE. The
/// once-a-second passive checkpoints alone would leave up to a second of commits for the writer to copy; so when the
/// log passes three quarters of the threshold (by the writes of the cycle before, once the file no longer shows where
/// the log ends), the writer asks for one more passive checkpoint right away, and its
/// reset copies only what was committed after it. (Passive checkpoints after every commit cost more than they save:
/// each one ends in an fsync and recopies the pages every commit touches.)
/// </summary>
internal sealed class WalSizeGuard
{
    /// <summary>Resets the log well before <see cref="JournalSizeLimitBytes"/>; a batch of inserts adds a few MB at most.</summary>
    public const long DefaultThresholdBytes = 16L * 1024 * 1024;

    /// <summary>What SQLite cuts the log file back to whenever it starts the log over on its own.</summary>
    public const long JournalSizeLimitBytes = 64L * 1024 * 1024;

    // A reader still on an old snapshot makes the checkpoint give up; trying again after every commit would cost each batch a wait.
    private static readonly TimeSpan RetryAfterBusy = TimeSpan.FromMilliseconds(200);

    private readonly string _walPath;
    private readonly long _thresholdBytes;
    private readonly ILogger _log;
    private readonly SlackInboxMetrics? _metrics;
    private readonly Lock _checkpointing = new();
    private readonly Action _requestCheckpoint;
    private long _busyUntilTimestamp;
    private bool _catchUpRequested;

    // Written by the writer only; the background checkpointer reads _resetDue.
    private volatile bool _resetDue;
    private long _fileBytesAtReset;
    private long _writesSinceReset;
    private long _writesPerCycle;

    /// <param name="requestCheckpoint">Wakes the background checkpointer now (it runs <see cref="CheckpointPassive"/>).</param>
    public WalSizeGuard(string databasePath, long thresholdBytes, ILogger log, Action requestCheckpoint, SlackInboxMetrics? metrics = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(thresholdBytes);
        _walPath = databasePath + "-wal";
        _thresholdBytes = thresholdBytes;
        _log = log;
        _requestCheckpoint = requestCheckpoint;
        _metrics = metrics;
    }

    /// <summary>The longest time a RESTART checkpoint held up the writer so far.</summary>
    public TimeSpan LongestPause { get; private set; }

    /// <summary>Called by the only writer right after a commit of <paramref name="writes"/> writes, on its own connection.</summary>
    public void AfterCommit(SqliteConnection connection, int writes)
    {
        _writesSinceReset += writes;
        var size = WalFileBytes();
        if (!ResetDue(size))
        {
            if (!_catchUpRequested && NearTheThreshold(size))
            {
                _catchUpRequested = true;
                _requestCheckpoint();
            }

            return;
        }

        _resetDue = true;

        // Each reset after the log passed the file's end leaves a file a commit larger; before it creeps far, one
        // TRUNCATE starts it over at nothing.
        var truncate = size > 2 * _thresholdBytes;

        // A passive checkpoint in progress holds SQLite's checkpoint lock, and ours would only come back busy: the next
        // commit tries again. Past twice the threshold the log has outrun the checkpoints (a starved checkpointer thread,
        // readers in the way), so the writer waits its turn rather than let the log grow on.
        if (truncate)
        {
            _checkpointing.Enter();
        }
        else if (Stopwatch.GetTimestamp() < _busyUntilTimestamp || !_checkpointing.TryEnter())
        {
            return;
        }

        bool busy;
        TimeSpan pause;
        try
        {
            var started = Stopwatch.GetTimestamp();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = truncate ? "PRAGMA wal_checkpoint(TRUNCATE);" : "PRAGMA wal_checkpoint(RESTART);";
            using var reader = checkpoint.ExecuteReader();
            reader.Read();
            busy = reader.GetInt64(0) != 0;
            pause = Stopwatch.GetElapsedTime(started);
        }
        finally
        {
            _checkpointing.Exit();
        }

        if (pause > LongestPause)
        {
            LongestPause = pause;
        }

        _metrics?.WalReset(pause, busy);
        if (busy)
        {
            _busyUntilTimestamp = Stopwatch.GetTimestamp() + (long)(RetryAfterBusy.TotalSeconds * Stopwatch.Frequency);
            _log.LogDebug("The inbox WAL is {Bytes} bytes and a reader kept it from being reset; trying again shortly", size);
            return;
        }

        _fileBytesAtReset = truncate ? 0 : size;
        _writesPerCycle = truncate ? 0 : _writesSinceReset;
        _writesSinceReset = 0;
        _resetDue = false;
        _catchUpRequested = false;
        _log.LogDebug("Reset the inbox WAL at {Bytes} bytes in {Milliseconds:F1} ms", size, pause.TotalMilliseconds);
    }

    // Until the first reset, and after a TRUNCATE, the file ends where the log ends. After a RESTART the file keeps its
    // size and the log starts over inside it (its position is in SQLite's shared memory, which no one else may open:
    // closing a descriptor of it would drop SQLite's locks): the log has come round to the threshold again once it
    // writes past the end of the file.
    private bool ResetDue(long size) =>
        size >= _thresholdBytes && (_fileBytesAtReset == 0 || size > _fileBytesAtReset);

    // Three quarters of the way: by size while the file grows with the log, and by the writes of the last cycle after a RESTART.
    private bool NearTheThreshold(long size) =>
        _fileBytesAtReset == 0
            ? size >= _thresholdBytes / 4 * 3
            : _writesPerCycle > 0 && _writesSinceReset >= _writesPerCycle / 4 * 3;

    /// <summary>
    /// Called by the background checkpointer on its own connection: copies committed frames into the database without
    /// blocking the writer. Once the log is past the threshold it leaves the rest to the writer's reset.
    /// </summary>
    /// <returns>How long the checkpoint took; null when it was left to the writer.</returns>
    public TimeSpan? CheckpointPassive(SqliteConnection connection)
    {
        if (_resetDue)
        {
            return null;
        }

        lock (_checkpointing)
        {
            var started = Stopwatch.GetTimestamp();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            checkpoint.ExecuteNonQuery();
            return Stopwatch.GetElapsedTime(started);
        }
    }

    private long WalFileBytes()
    {
        try
        {
            return new FileInfo(_walPath).Length;
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
    }
}
