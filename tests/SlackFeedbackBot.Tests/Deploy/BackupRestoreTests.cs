using Dapper;
using Microsoft.Data.Sqlite;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Deploy;

/// <summary>
/// `backup` beside the running bot while the database is being written, and `restore`, which the running bot's lock
/// refuses: both check the copy with SQLite's integrity check.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class BackupRestoreTests
{
    [Test]
    public async Task Backup_WhileTheBotRunsAndWrites_IsAConsistentCopy_AndRestoreWaitsForTheBotToStop()
    {
        using var dir = new TempDirectory();
        var databasePath = dir.File("bot.db");
        var backupPath = dir.File("backup.db");
        await using var slack = await SlackEmulator.StartAsync(new EmulatorOptions());
        var bot = await BotProcess.StartHttpModeAsync(slack, databasePath);
        try
        {
            // Someone keeps writing feedback while the copy is taken.
            using var stop = new CancellationTokenSource();
            var written = 0;
            var writer = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    using var connection = Open(databasePath);
                    connection.Execute(
                        "INSERT INTO feedback_items (text, capture_path, bucket, created_at, updated_at) VALUES (@text, 'command', 'user_experience', 1, 1)",
                        new { text = $"written during the backup {written}" });
                    Interlocked.Increment(ref written);
                    await Task.Yield();
                }
            });
            await Eventually.ThatAsync(() => Volatile.Read(ref written) >= 50, "the writer has written");

            var (code, output) = await BotInProcess.RunToExitAsync("backup", "--db", databasePath, "--out", backupPath);
            var writtenDuringBackup = Volatile.Read(ref written);
            await Eventually.ThatAsync(() => Volatile.Read(ref written) >= writtenDuringBackup + 20, "the writer went on beside the backup");
            await stop.CancelAsync();
            await writer;

            Assert.That(code, Is.Zero, output);
            Assert.That(output, Does.StartWith($"Backed up {databasePath} to {backupPath} (").And.EndWith("integrity check ok."));
            using (var copy = Open(backupPath))
            {
                Assert.That(copy.ExecuteScalar<string>("PRAGMA integrity_check"), Is.EqualTo("ok"));
                var copied = copy.ExecuteScalar<long>("SELECT COUNT(*) FROM feedback_items");
                Assert.That(copied, Is.InRange(50, Volatile.Read(ref written) - 1), "a copy as of one moment while the writes went on");
            }

            Assert.That(File.GetUnixFileMode(backupPath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));

            var (again, againOutput) = await BotInProcess.RunToExitAsync("backup", "--db", databasePath, "--out", backupPath);
            Assert.That(again, Is.EqualTo(1), againOutput);
            Assert.That(againOutput.Trim(), Is.EqualTo($"{backupPath} already exists; give a new file name (a backup never overwrites one)."));

            var (refused, refusedOutput) = await BotInProcess.RunToExitAsync("restore", backupPath, "--db", databasePath);
            Assert.That(refused, Is.EqualTo(2), refusedOutput);
            Assert.That(refusedOutput.Trim(), Is.EqualTo($"SlackFeedbackBot (pid {bot.Id}) is running on {databasePath}; stop it before restoring a backup over it."));
        }
        finally
        {
            await bot.DisposeAsync();
        }

        long backedUp;
        using (var copy = Open(backupPath))
        {
            backedUp = copy.ExecuteScalar<long>("SELECT COUNT(*) FROM feedback_items");
        }

        var (restored, restoreOutput) = await BotInProcess.RunToExitAsync("restore", backupPath, "--db", databasePath);

        Assert.That(restored, Is.Zero, restoreOutput);
        Assert.That(restoreOutput, Does.StartWith($"Restored {databasePath} from {backupPath}"));
        using var database = Open(databasePath);
        Assert.That(database.ExecuteScalar<long>("SELECT COUNT(*) FROM feedback_items"), Is.EqualTo(backedUp));
        Assert.That(database.ExecuteScalar<string>("PRAGMA integrity_check"), Is.EqualTo("ok"));
        Assert.That(database.ExecuteScalar<string>("PRAGMA journal_mode"), Is.EqualTo("wal"));
    }

    [Test]
    public async Task Restore_OfAFileThatIsNotADatabase_ChangesNothing()
    {
        using var dir = new TempDirectory();
        var databasePath = dir.File("bot.db");
        var (migrated, migrateOutput) = await BotInProcess.RunToExitAsync("migrate", "--db", databasePath);
        Assert.That(migrated, Is.Zero, migrateOutput);
        var before = File.ReadAllBytes(databasePath);
        File.WriteAllText(dir.File("notes.txt"), "this is not a backup, it is a shopping list");

        var (code, output) = await BotInProcess.RunToExitAsync("restore", dir.File("notes.txt"), "--db", databasePath);

        Assert.That(code, Is.EqualTo(1), output);
        Assert.That(output.Trim(), Is.EqualTo($"{dir.File("notes.txt")} is not a sound SlackFeedbackBot database (not a database file); nothing was changed."));
        Assert.That(File.ReadAllBytes(databasePath), Is.EqualTo(before));
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False;Default Timeout=30");
        connection.Open();
        return connection;
    }
}
