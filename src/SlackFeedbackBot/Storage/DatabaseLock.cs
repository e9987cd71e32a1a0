using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace SlackFeedbackBot.Storage;

/// <summary>
/// One bot per database file. Two bots on the same file would both replay the inbox and run the same jobs, so whoever
/// runs the bot (or rewrites the schema) holds an OS lock on <c>FILE.lock</c> next to the database for as long as it
/// runs; the lock goes with the process however it ends. The file holds the holder's process id for people
/// (<c>cat data/x.db.lock</c>). The file itself stays: deleting it would let two processes lock two different files
/// of the same name.
/// </summary>
public sealed class DatabaseLock : IDisposable
{
    private readonly FileStream _file;

    private DatabaseLock(FileStream file) => _file = file;

    public static string PathFor(string databasePath) => Path.GetFullPath(databasePath) + ".lock";

    /// <summary>Takes the lock, or says who holds it: <paramref name="holderPid"/> is the other process's id when it can be found.</summary>
    public static bool TryAcquire(string databasePath, [NotNullWhen(true)] out DatabaseLock? held, out int? holderPid)
    {
        var path = PathFor(databasePath);
        Database.CreateFolderFor(path);
        try
        {
            // FileShare.None is an exclusive flock on Linux and macOS and a share-mode lock on Windows.
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = Database.FileMode;
            }

            var file = new FileStream(path, options);
            WritePid(file);
            held = new DatabaseLock(file);
            holderPid = null;
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            held = null;
            holderPid = FindHolder(path);
            return false;
        }
    }

    /// <summary>The one line for the person who started a second copy.</summary>
    public static string AlreadyInUse(string databasePath, int? holderPid) =>
        $"Another SlackFeedbackBot is already using {Path.GetFullPath(databasePath)}{(holderPid is { } pid ? $" (pid {pid})" : "")}; " +
        "stop it first or set Storage:DatabasePath to another file.";

    /// <summary>For commands that rewrite the file: "…is running on …; stop it before migrating it."</summary>
    public static string InUseBeforeChange(string databasePath, int? holderPid, string change) =>
        $"SlackFeedbackBot{(holderPid is { } pid ? $" (pid {pid})" : "")} is running on {Path.GetFullPath(databasePath)}; stop it before {change}.";

    public void Dispose() => _file.Dispose();

    private static void WritePid(FileStream file)
    {
        file.SetLength(0);
        file.Write(Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"));
        file.Flush(flushToDisk: true);
    }

    // The file's text cannot be read from here: .NET takes a shared flock to read, which the holder's refuses. On Linux
    // the process that has the file open says who it is; elsewhere the message goes without the id.
    private static int? FindHolder(string lockPath)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(process), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (Directory.EnumerateFiles(Path.Combine(process, "fd")).Any(fd => new FileInfo(fd).LinkTarget == lockPath))
                {
                    return pid;
                }
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                // Another user's process, or one that just ended.
            }
        }

        return null;
    }
}
