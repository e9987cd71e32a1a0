using System.Runtime.InteropServices;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Health;

/// <summary>
/// The database check on SQLite: asks the kernel whether the database file and its folder may be written, then commits
/// a write to the heartbeat row on a connection of its own opened from the file as it is now: a file or folder made
/// read-only (or on a file system
/// remounted read-only), a full disk (SQLITE_FULL), a deleted file or a malformed one (SQLITE_NOTADB, SQLITE_CORRUPT)
/// make it unhealthy, where the bot's pooled connections could carry on for a while on what they opened earlier.
/// A probe is bounded by <see cref="DatabaseHealthCheck.Timeout"/>.
/// </summary>
internal sealed class SqliteHeartbeat(Database database, TimeProvider time)
{
    private static readonly TimeSpan Timeout = DatabaseHealthCheck.Timeout;

    private Task? _write;

    private readonly string _probeConnectionString = new SqliteConnectionStringBuilder(database.ConnectionString)
    {
        // ReadWrite, not ReadWriteCreate: a file that went missing must not be replaced by an empty one.
        Mode = SqliteOpenMode.ReadWrite,
        Pooling = false,
        DefaultTimeout = (int)Timeout.TotalSeconds,
    }.ToString();

    public async Task<HealthCheckResult> ProbeAsync(CancellationToken ct)
    {
        var data = new Dictionary<string, object> { ["path"] = database.Path };
        if (Unwritable() is { } refused)
        {
            return HealthCheckResult.Unhealthy($"The database cannot be written: {refused}.", data: data);
        }

        if (_write is { IsCompleted: false })
        {
            // One stuck write is enough evidence; piling more threads onto the same stuck file is not.
            return HealthCheckResult.Unhealthy("An earlier write to the database has still not finished (the file is locked or the disk is stalled).", data: data);
        }

        // Microsoft.Data.Sqlite runs synchronously: off the request thread, so a stuck file cannot hold the answer.
        var write = _write = Task.Run(Heartbeat, CancellationToken.None);
        try
        {
            await write.WaitAsync(Timeout, time, ct);
            return HealthCheckResult.Healthy("A write to the database committed.", data);
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"A write to the database did not finish within {Timeout.TotalSeconds:0} s (the file is locked or the disk is stalled).", data: data);
        }
        catch (SqliteException ex)
        {
            data["sqlite_error"] = ex.SqliteErrorCode;
            return HealthCheckResult.Unhealthy($"The database cannot be written: {ex.Message}", data: data);
        }
    }

    // SQLite reuses a descriptor it opened read-write before the file was made read-only, so a write alone can still
    // succeed; the kernel's answer is what the next start of the bot will meet.
    private string? Unwritable()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        foreach (var path in new[] { database.Path, Path.GetDirectoryName(database.Path)! })
        {
            if (Access(path, WriteAccess) != 0)
            {
                return $"{path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}";
            }
        }

        return null;
    }

    private const int WriteAccess = 2; // W_OK

    // access(2) answers without opening the file: closing a second descriptor on the database would drop the POSIX
    // locks SQLite holds on it for the whole process.
    [DllImport("libc", EntryPoint = "access", SetLastError = true)]
    private static extern int Access([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);

    private void Heartbeat()
    {
        using var connection = new SqliteConnection(_probeConnectionString);
        connection.Open();
        connection.Execute(
            "INSERT INTO health_heartbeat (id, beat_at) VALUES (1, @now) ON CONFLICT (id) DO UPDATE SET beat_at = excluded.beat_at",
            new { now = time.GetUtcNow().ToUnixTimeMilliseconds() });
    }
}
