using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Deploy;

/// <summary>The database holds what people wrote: the bot creates it, its -wal, -shm and .lock files and a new folder for its own user only.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DatabaseFileModeTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Test]
    public async Task Run_OnANewDatabase_CreatesEveryFileReadableByItsUserOnly()
    {
        Assume.That(OperatingSystem.IsWindows(), Is.False, "Unix file modes");
        using var dir = new TempDirectory();
        var databasePath = Path.Combine(dir.Path, "fresh", "bot.db");
        await using var slack = await SlackEmulator.StartAsync(new EmulatorOptions());
        // BotProcess runs from the database's folder, so the folder is made for it; the bot makes the files.
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        await using var bot = await BotProcess.StartHttpModeAsync(slack, databasePath);

        await Eventually.ThatAsync(() => File.Exists(databasePath + "-wal") && File.Exists(databasePath + "-shm"), "the running bot has its write-ahead log open", TimeSpan.FromSeconds(30));
        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm", databasePath + ".lock" })
        {
            Assert.That(File.GetUnixFileMode(file), Is.EqualTo(Private), $"{Path.GetFileName(file)} is 0600");
        }
    }

    [Test]
    public async Task Migrate_InAFolderThatIsNotThere_MakesTheFolderPrivateToo()
    {
        Assume.That(OperatingSystem.IsWindows(), Is.False, "Unix file modes");
        using var dir = new TempDirectory();
        var databasePath = Path.Combine(dir.Path, "new-folder", "bot.db");

        var (code, output) = await BotProcess.RunToExitAsync(dir.Path, "migrate", "--db", databasePath);

        Assert.That(code, Is.Zero, output);
        Assert.That(File.GetUnixFileMode(databasePath), Is.EqualTo(Private));
        Assert.That(File.GetUnixFileMode(databasePath + ".lock"), Is.EqualTo(Private));
        Assert.That(File.GetUnixFileMode(Path.GetDirectoryName(databasePath)!), Is.EqualTo(Private | UnixFileMode.UserExecute));
    }
}
