using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Integration;

/// <summary>The bot process is killed in the middle of a stream of events and started again on the same database.</summary>
public sealed class CrashRecoveryTests
{
    [Test]
    public async Task BotKilledMidStream_EveryAckedEventIsStoredOnceAndHandledAfterRestart()
    {
        using var dir = new TempDirectory();
        var databasePath = dir.File("bot.db");
        await using var slack = await SlackEmulator.StartAsync(new EmulatorOptions { MaxEventRetries = 0, AckTimeout = TimeSpan.FromSeconds(5) });
        var acked = new ConcurrentBag<string>();
        var attempted = 0;

        await using (var first = await BotProcess.StartHttpModeAsync(slack, databasePath))
        {
            slack.HttpDeliveryUrl = new Uri(first.BaseAddress, "slack/events");
            using var stop = new CancellationTokenSource();
            var streams = Enumerable.Range(0, 4).Select(stream => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var n = Interlocked.Increment(ref attempted);
                    var id = $"EvCRASH{stream}x{n:D6}";
                    var result = await slack.SendEventAsync(Message(id, n), id);
                    if (result.Acked)
                    {
                        acked.Add(id);
                    }
                }
            })).ToList();

            await Eventually.ThatAsync(() => acked.Count >= 200, "200 events are acknowledged", TimeSpan.FromSeconds(60));
            await first.KillAsync();
            var attemptsAtKill = Volatile.Read(ref attempted);
            await Eventually.ThatAsync(() => Volatile.Read(ref attempted) > attemptsAtKill + 20, "deliveries keep coming while the bot is down", TimeSpan.FromSeconds(60));
            await stop.CancelAsync();
            await Task.WhenAll(streams);
        }

        await using var second = await BotProcess.StartHttpModeAsync(slack, databasePath);
        await Eventually.ThatAsync(
            () => Query("SELECT COUNT(*) FROM slack_inbox WHERE status <> 1", databasePath) == 0,
            "every stored event is handled after the restart",
            TimeSpan.FromSeconds(60),
            () => Describe(databasePath));

        var stored = QueryKeys(databasePath);
        Assert.That(acked.Count, Is.GreaterThanOrEqualTo(200));
        Assert.That(acked.Select(id => "ev:" + id).Except(stored), Is.Empty, "no acknowledged event is lost");
        Assert.That(stored, Is.Unique, "each event is stored once");
    }

    // A message in a channel that is not listened to: the bot's message handlers run and let it be.
    private static JsonObject Message(string id, int n) => new()
    {
        ["type"] = "message",
        ["user"] = "U0DEFAULT1",
        ["channel"] = "C0GENERAL1",
        ["text"] = "hello " + id,
        ["ts"] = $"1700000000.{n:D6}",
    };

    private static long Query(string sql, string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection.ExecuteScalar<long>(sql);
    }

    private static string Describe(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        var rows = connection.Query<(long Status, long Count, string? Error)>("SELECT status, COUNT(*), MAX(last_error) FROM slack_inbox GROUP BY status");
        return string.Join("; ", rows.Select(r => $"status {r.Status}: {r.Count} {r.Error}"));
    }

    private static List<string> QueryKeys(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection.Query<string>("SELECT dedupe_key FROM slack_inbox").ToList();
    }
}
