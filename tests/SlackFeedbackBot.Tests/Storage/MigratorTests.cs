using Dapper;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Storage;

public sealed class MigratorTests
{
    [Test]
    public void Initialize_NewFile_AppliesEveryMigrationWithWalAndForeignKeys()
    {
        using var dir = new TempDirectory();
        var db = new Database(dir.File("nested/bot.db"));

        var version = db.Initialize();

        Assert.That(version, Is.EqualTo(Migrator.LatestVersion));
        Assert.That(version, Is.GreaterThan(0));
        using var connection = db.Open();
        Assert.That(connection.ExecuteScalar<string>("PRAGMA journal_mode;"), Is.EqualTo("wal"));
        Assert.That(connection.ExecuteScalar<long>("PRAGMA foreign_keys;"), Is.EqualTo(1));
    }

    [Test]
    public void Initialize_Twice_IsANoOp()
    {
        using var dir = new TempDirectory();
        var db = new Database(dir.File("bot.db"));
        db.Initialize();

        Assert.That(db.Initialize(), Is.EqualTo(Migrator.LatestVersion));
    }

    [Test]
    public void Initialize_DatabaseFromNewerVersion_RefusesWithAClearMessage()
    {
        using var dir = new TempDirectory();
        var db = new Database(dir.File("bot.db"));
        db.Initialize();
        using (var connection = db.Open())
        {
            connection.Execute($"PRAGMA user_version = {Migrator.LatestVersion + 5};");
        }

        var ex = Assert.Throws<InvalidOperationException>(() => db.Initialize());
        Assert.That(ex!.Message, Does.Contain("newer than this build"));
    }
}
