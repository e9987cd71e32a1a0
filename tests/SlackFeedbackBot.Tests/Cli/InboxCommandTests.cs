using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Cli;

/// <summary>
/// `inbox parked|retry|drop` as an operator runs them, beside a running bot on the same database: they are single-row
/// changes (unlike `migrate`, which the database lock refuses), and a retried request is handled by the running bot.
/// </summary>
public sealed class InboxCommandTests
{
    [Test]
    public async Task ParkedRetryDrop_BesideARunningBot()
    {
        using var dir = new TempDirectory();
        var databasePath = dir.File("bot.db");
        await using var slack = await SlackEmulator.StartAsync(new EmulatorOptions { MaxEventRetries = 0 });
        await using var bot = await BotProcess.StartHttpModeAsync(slack, databasePath);
        slack.HttpDeliveryUrl = new Uri(bot.BaseAddress, "slack/events");

        // A click whose action has no action_id can never be handled: the bot parks it at once.
        var click = new JsonObject
        {
            ["type"] = "block_actions",
            ["team"] = new JsonObject { ["id"] = slack.TeamId },
            ["user"] = new JsonObject { ["id"] = "U0DEFAULT1", ["team_id"] = slack.TeamId },
            ["trigger_id"] = "1.2.parkedclick",
            ["actions"] = new JsonArray(new JsonObject { ["value"] = "1" }),
        };
        var delivery = await slack.SendSignedRawAsync("payload=" + Uri.EscapeDataString(click.ToJsonString()), "application/x-www-form-urlencoded");
        Assert.That(delivery.HttpStatus, Is.EqualTo(200));
        await Eventually.ThatAsync(() => Query(databasePath, "SELECT COUNT(*) FROM slack_inbox WHERE status = 2") == 1, "the click is parked", TimeSpan.FromSeconds(30));
        var parkedClick = Query(databasePath, "SELECT id FROM slack_inbox WHERE status = 2");

        // A request that failed before and would work now.
        var retryable = InsertParked(databasePath, slack.TeamId, "EvPARKED1");

        var (listCode, list) = await BotInProcess.RunToExitAsync("inbox", "parked", "--db", databasePath);
        Assert.That(listCode, Is.EqualTo(0), list);
        Assert.That(list, Does.Contain("2 parked Slack requests:"));
        Assert.That(list, Does.Contain($"{parkedClick}  BlockActions").And.Contain("no action_id"));
        Assert.That(list, Does.Contain($"{retryable}  Event").And.Contain("4 attempts").And.Contain("chat.postMessage: ratelimited"));

        var (unknownCode, unknown) = await BotInProcess.RunToExitAsync("inbox", "retry", "424242", "--db", databasePath);
        Assert.That(unknownCode, Is.EqualTo(1), unknown);
        Assert.That(unknown.Trim(), Is.EqualTo("No parked Slack request has id 424242; `inbox parked` lists them."));

        var (neitherCode, neither) = await BotInProcess.RunToExitAsync("inbox", "drop", "--db", databasePath);
        Assert.That(neitherCode, Is.EqualTo(1), neither);
        Assert.That(neither, Does.Contain("Give either a request id or --all"));

        var (retryCode, retry) = await BotInProcess.RunToExitAsync("inbox", "retry", retryable.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", databasePath);
        Assert.That(retryCode, Is.EqualTo(0), retry);
        Assert.That(retry, Does.Contain($"Request {retryable} is pending again"));
        await Eventually.ThatAsync(
            () => Query(databasePath, $"SELECT status FROM slack_inbox WHERE id = {retryable}") == 1,
            "the running bot handles the retried request",
            TimeSpan.FromSeconds(60));

        var (dropCode, drop) = await BotInProcess.RunToExitAsync("inbox", "drop", "--all", "--db", databasePath);
        Assert.That(dropCode, Is.EqualTo(0), drop);
        Assert.That(drop, Does.Contain("Dropped 1 parked Slack request."));
        Assert.That(Query(databasePath, "SELECT COUNT(*) FROM slack_inbox WHERE status = 2"), Is.Zero);

        var (emptyCode, empty) = await BotInProcess.RunToExitAsync("inbox", "parked", "--db", databasePath);
        Assert.That(emptyCode, Is.EqualTo(0), empty);
        Assert.That(empty, Does.Contain("No parked Slack requests."));
    }

    [Test]
    public async Task Parked_OnAFileThatIsNotThere_SaysSo()
    {
        using var dir = new TempDirectory();

        var (code, output) = await BotInProcess.RunToExitAsync("inbox", "parked", "--db", dir.File("missing.db"));

        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output.Trim(), Does.StartWith("There is no database at").And.Contain("--db"));
        Assert.That(File.Exists(dir.File("missing.db")), Is.False, "listing creates nothing");
    }

    // A message in a channel that is not listened to: the bot's handlers run and let it be.
    private static long InsertParked(string path, string teamId, string eventId)
    {
        var payload = new JsonObject
        {
            ["type"] = "event_callback",
            ["team_id"] = teamId,
            ["event_id"] = eventId,
            ["event"] = new JsonObject { ["type"] = "message", ["user"] = "U0DEFAULT1", ["channel"] = "C0GENERAL1", ["text"] = "hello again", ["ts"] = "1700000001.000100" },
        };
        using var connection = Open(path);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return connection.ExecuteScalar<long>(
            """
            INSERT INTO slack_inbox (dedupe_key, kind, payload, retry_num, received_at, status, attempts, last_error, handled_at)
            VALUES (@key, 'Event', @payload, 0, @now, 2, 4, 'chat.postMessage: ratelimited', @now) RETURNING id
            """,
            new { key = "ev:" + eventId, payload = payload.ToJsonString(), now });
    }

    private static long Query(string path, string sql)
    {
        using var connection = Open(path);
        return connection.ExecuteScalar<long>(sql);
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False;Default Timeout=30");
        connection.Open();
        return connection;
    }
}
