using Dapper;
using Microsoft.Data.Sqlite;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Deploy;

/// <summary>`migrate` prepares the whole schema, Quartz's tables included, without starting the bot or its scheduler.</summary>
public sealed class MigrateQuartzTests
{
    [Test]
    public async Task Migrate_OnANewFile_CreatesTheBotsAndQuartzsTables()
    {
        using var dir = new TempDirectory();
        var databasePath = dir.File("bot.db");

        var (code, output) = await BotInProcess.RunToExitAsync("migrate", "--db", databasePath);

        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain($"is at schema version {Migrator.LatestVersion}; Quartz's 15 tables are in place."));
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        var tables = connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table'").ToList();
        Assert.That(tables, Does.Contain("QRTZ_TRIGGERS").And.Contain("QRTZ_JOB_DETAILS").And.Contain("QRTZ_LOCKS").And.Contain("feedback_items"));
        // Building the scheduler stores the durable jobs; the declared triggers are put on the calendar by a start, under
        // the declaration lock, so `migrate` leaves the calendar to the first instance that runs.
        Assert.That(connection.Query<string>("SELECT job_name FROM QRTZ_JOB_DETAILS"), Does.Contain("rotation-planning"));
        Assert.That(connection.Query<string>("SELECT trigger_name FROM QRTZ_TRIGGERS"), Is.Empty);
        Assert.That(connection.ExecuteScalar<long>("SELECT COUNT(*) FROM QRTZ_FIRED_TRIGGERS"), Is.Zero, "the scheduler was not started");

        var (again, secondOutput) = await BotInProcess.RunToExitAsync("migrate", "--db", databasePath);
        Assert.That(again, Is.Zero, secondOutput);
    }
}
