using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Integration;

/// <summary>Two bot processes on one database file: the second refuses to start, the first carries on.</summary>
public sealed class SecondInstanceTests
{
    [Test]
    public async Task SecondBotOnTheSameDatabase_ExitsWithCode2AndOneLine_AndTheFirstKeepsWorking()
    {
        using var dir = new TempDirectory();
        var databasePath = dir.File("bot.db");
        await using var slack = await SlackEmulator.StartAsync(new EmulatorOptions { MaxEventRetries = 0, AckTimeout = TimeSpan.FromSeconds(5) });
        await using var first = await BotProcess.StartHttpModeAsync(slack, databasePath);
        slack.HttpDeliveryUrl = new Uri(first.BaseAddress, "slack/events");

        var (exitCode, output) = await BotProcess.RunToExitAsync(dir.Path, BotProcess.HttpModeArgs(slack, databasePath));

        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(output.Trim(), Is.EqualTo(
            $"Another SlackFeedbackBot is already using {databasePath} (pid {first.Id}); stop it first or set Storage:DatabasePath to another file."));
        var delivery = await slack.SendEventAsync(Message("EvAFTERSECOND"), "EvAFTERSECOND");
        Assert.That(delivery.Acked, Is.True, "the first bot still answers");
        await Eventually.ThatAsync(
            () => Query(databasePath, "SELECT COUNT(*) FROM slack_inbox WHERE dedupe_key = 'ev:EvAFTERSECOND' AND status = 1") == 1,
            "the first bot handles the event",
            TimeSpan.FromSeconds(60));
    }

    [Test]
    public async Task Migrate_WhileTheBotRuns_IsRefused_AndWorksOnceItStopped()
    {
        using var dir = new TempDirectory();
        var databasePath = dir.File("bot.db");
        await using var slack = await SlackEmulator.StartAsync(new EmulatorOptions { MaxEventRetries = 0 });
        await using (var bot = await BotProcess.StartHttpModeAsync(slack, databasePath))
        {
            var (exitCode, output) = await BotProcess.RunToExitAsync(dir.Path, "migrate", "--db", databasePath);

            Assert.That(exitCode, Is.EqualTo(2), output);
            Assert.That(output.Trim(), Is.EqualTo($"SlackFeedbackBot (pid {bot.Id}) is running on {databasePath}; stop it before migrating it."));

            var (exportCode, exportOutput) = await BotProcess.RunToExitAsync(dir.Path, "export", "--db", databasePath);
            Assert.That(exportCode, Is.EqualTo(0), "reading commands still run beside the bot: " + exportOutput);
        }

        var (afterCode, afterOutput) = await BotProcess.RunToExitAsync(dir.Path, "migrate", "--db", databasePath);
        Assert.That(afterCode, Is.EqualTo(0), afterOutput);
        Assert.That(afterOutput, Does.Contain("is at schema version"));
    }

    private static JsonObject Message(string id) => new()
    {
        ["type"] = "message",
        ["user"] = "U0DEFAULT1",
        ["channel"] = "C0GENERAL1",
        ["text"] = "hello " + id,
        ["ts"] = "1700000000.000100",
    };

    private static long Query(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection.ExecuteScalar<long>(sql);
    }
}
