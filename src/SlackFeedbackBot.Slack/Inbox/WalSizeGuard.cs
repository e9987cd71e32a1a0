using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace SlackFeedbackBot.Slack.Inbox;

/// <summary>
/// Keeps the write-ahead log of the inbox's file small. Passive checkpoints copy pages into the database without
/// blocking anyone, but SQLite only starts the log over once every frame is copied, which never happens while
/// commits keep arriving: under steady load the log grows until the disk is full. Once the log passes the threshold,
/// the writer runs a TRUNCATE checkpoint between two of its commits; the passive checkpoints have already copied
/// most frames by then, so that pause stays short.
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
    private long _busyUntilTimestamp;

    public WalSizeGuard(string databasePath, long thresholdBytes, ILogger log, SlackInboxMetrics? metrics = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(thresholdBytes);
        _walPath = databasePath + "-wal";
        _thresholdBytes = thresholdBytes;
        _log = log;
        _metrics = metrics;
    }

    /// <summary>The longest time a TRUNCATE checkpoint held up the writer so far.</summary>
    public TimeSpan LongestPause { get; private set; }

    /// <summary>Called by the only writer right after a commit, on its own connection.</summary>
    public void AfterCommit(SqliteConnection connection)
    {
        var size = WalBytes();
        if (size < _thresholdBytes || Stopwatch.GetTimestamp() < _busyUntilTimestamp)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        using var reader = checkpoint.ExecuteReader();
        reader.Read();
        var busy = reader.GetInt64(0) != 0;
        var pause = Stopwatch.GetElapsedTime(started);
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

        _log.LogDebug("Reset the inbox WAL at {Bytes} bytes in {Milliseconds:F1} ms", size, pause.TotalMilliseconds);
    }

    private long WalBytes()
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
