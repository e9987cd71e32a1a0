using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Delivery;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Integration;

/// <summary>
/// Two bot processes in Socket Mode on one PostgreSQL database, as an operator runs them: a rolling restart while
/// people use a command, and one instance killed in the middle of a stream of events.
/// </summary>
public sealed class SeveralInstancesTests
{
    private static readonly TimeSpan ExitLimit = TimeSpan.FromSeconds(60);

    [Test]
    public async Task RollingRestart_InHttpMode_BehindABalancer_FailsNoCommand()
    {
        using var dir = new TempDirectory();
        // Empty, as an operator's new database is: the instances migrate it themselves.
        await using var db = await ProviderDatabase.CreateAsync(StorageProvider.Postgres, migrate: false);
        var cs = db.Database.ConnectionString;
        await using var slack = await SlackEmulator.StartAsync();
        var results = new ConcurrentQueue<DeliveryResult>();
        using var stop = new CancellationTokenSource();
        Task[] streams = [];
        try
        {
            await using var a = await BotProcess.StartHttpModeOnPostgresAsync(slack, Path.Combine(dir.Path, "a"), cs, "--Slack:InstanceId=a");
            slack.HttpDeliveryUrl = new Uri(a.BaseAddress, "slack/events");
            streams = StreamCommands(slack, results, stop.Token);
            await Eventually.ThatAsync(() => results.Count >= 20, "the old instance answers", TimeSpan.FromSeconds(60));

            await using var b = await BotProcess.StartHttpModeOnPostgresAsync(slack, Path.Combine(dir.Path, "b"), cs, "--Slack:InstanceId=b");
            await Eventually.ThatAsync(async () => await ReadyAsync(b), "the new instance is ready", TimeSpan.FromSeconds(60));
            // The balancer takes the old instance out of its pool; requests already sent to it are still in flight
            // when it gets SIGTERM, and must be answered.
            slack.HttpDeliveryUrl = new Uri(b.BaseAddress, "slack/events");
            Assert.That(await a.TerminateAsync(ExitLimit), Is.Zero, a.Output);
            var afterStop = results.Count;
            await Eventually.ThatAsync(() => results.Count >= afterStop + 20, "the new instance answers alone", TimeSpan.FromSeconds(60));
            await stop.CancelAsync();
            await Task.WhenAll(streams);

            await AssertEveryCommandAcknowledgedAndAnsweredAsync(slack, results.ToList());
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(streams).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// In Socket Mode the old instance answers everything it received before its goodbye. An envelope Slack sent in the
    /// moment before the goodbye reached it cannot be acked any more (nothing may follow a WebSocket close); Slack's
    /// documentation does not say that it delivers it elsewhere, so at most one per closed connection fails, and the
    /// operations guide says so. HTTP mode behind a load balancer fails none (above).
    /// </summary>
    [Test]
    public async Task RollingRestart_InSocketMode_AnswersEverythingReceivedBeforeTheGoodbye()
    {
        using var dir = new TempDirectory();
        // Empty, as an operator's new database is: the instances migrate it themselves.
        await using var db = await ProviderDatabase.CreateAsync(StorageProvider.Postgres, migrate: false);
        var cs = db.Database.ConnectionString;
        await using var slack = await SlackEmulator.StartAsync();
        var results = new ConcurrentQueue<DeliveryResult>();
        using var stop = new CancellationTokenSource();
        Task[] streams = [];
        try
        {
            await using var a = await BotProcess.StartSocketModeOnPostgresAsync(slack, Path.Combine(dir.Path, "a"), cs, "--Slack:InstanceId=a");
            streams = StreamCommands(slack, results, stop.Token);
            await Eventually.ThatAsync(() => results.Count >= 20, "the first instance answers", TimeSpan.FromSeconds(60));

            await using var b = await BotProcess.StartSocketModeOnPostgresAsync(slack, Path.Combine(dir.Path, "b"), cs, "--Slack:InstanceId=b");
            await slack.WaitForSocketsAsync(4, TimeSpan.FromSeconds(60));
            var beforeStop = results.Count;
            await Eventually.ThatAsync(() => results.Count >= beforeStop + 20, "both instances answer", TimeSpan.FromSeconds(60));

            Assert.That(await a.TerminateAsync(ExitLimit), Is.Zero, a.Output);
            Assert.That(a.Output, Does.Contain("closed 2 connections for shutdown"));
            var afterStop = results.Count;
            await Eventually.ThatAsync(() => results.Count >= afterStop + 20, "the second instance answers alone", TimeSpan.FromSeconds(60));
            await stop.CancelAsync();
            await Task.WhenAll(streams);

            var all = results.ToList();
            var unacked = all.Where(r => !r.Acked).ToList();
            Assert.That(unacked.Select(r => r.Error), Is.All.EqualTo("The socket closed before the ack arrived"), "only envelopes caught by a closing socket go unacknowledged");
            Assert.That(unacked, Has.Count.LessThanOrEqualTo(2), "at most the one envelope in flight on each of the old instance's 2 connections");
            await AssertEveryCommandAcknowledgedAndAnsweredAsync(slack, all.Where(r => r.Acked).ToList());
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(streams).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [Test]
    public async Task OneInstanceKilledDuringAStreamOfEvents_NoneIsLost_EachIsStoredOnceAndHandled()
    {
        const int Events = 600;
        using var dir = new TempDirectory();
        // Empty, as an operator's new database is: the instances migrate it themselves.
        await using var db = await ProviderDatabase.CreateAsync(StorageProvider.Postgres, migrate: false);
        var cs = db.Database.ConnectionString;
        await using var slack = await SlackEmulator.StartAsync(new EmulatorOptions { AckTimeout = TimeSpan.FromSeconds(5) });
        // The shortest lease the settings allow: the survivor takes the dead instance's requests over after it.
        string[] lease = ["--Slack:LeaseDuration=10s"];
        await using var a = await BotProcess.StartSocketModeOnPostgresAsync(slack, Path.Combine(dir.Path, "a"), cs, [.. lease, "--Slack:InstanceId=a"]);
        await using var b = await BotProcess.StartSocketModeOnPostgresAsync(slack, Path.Combine(dir.Path, "b"), cs, [.. lease, "--Slack:InstanceId=b"]);
        await slack.WaitForSocketsAsync(4, TimeSpan.FromSeconds(60));

        var acked = new ConcurrentBag<string>();
        var sent = 0;
        var streams = Enumerable.Range(0, 4).Select(stream => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref sent)) <= Events)
            {
                var id = $"EvMULTI{n:D6}";
                if ((await slack.SendEventAsync(Message(id, n), id)).Acked)
                {
                    acked.Add(id);
                }
            }
        })).ToList();

        await Eventually.ThatAsync(() => acked.Count >= Events / 3, $"{Events / 3} events are acknowledged", TimeSpan.FromSeconds(60));
        await a.KillAsync();
        await Task.WhenAll(streams);

        Assert.That(acked, Has.Count.EqualTo(Events), "Slack's retries reach the surviving instance");
        await Eventually.ThatAsync(
            async () => await ScalarAsync(cs, "SELECT COUNT(*) FROM slack_inbox WHERE status <> 1") == 0,
            "every stored event is handled, the dead instance's after its leases ran out",
            TimeSpan.FromSeconds(60));
        await using var connection = new NpgsqlConnection(cs);
        var stored = (await connection.QueryAsync<string>("SELECT dedupe_key FROM slack_inbox")).ToList();
        Assert.That(acked.Select(id => "ev:" + id).Except(stored), Is.Empty, "no acknowledged event is lost");
        Assert.That(stored, Is.Unique, "each event is stored once, whichever socket and instance it came through");
    }

    private static Task[] StreamCommands(SlackEmulator slack, ConcurrentQueue<DeliveryResult> results, CancellationToken stop) =>
        Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                results.Enqueue(await slack.SendSlashCommandAsync("U0DEFAULT1", "C0GENERAL1", "/feedback", "help"));
            }
        })).ToArray();

    private static async Task AssertEveryCommandAcknowledgedAndAnsweredAsync(SlackEmulator slack, List<DeliveryResult> all)
    {
        Assert.That(all.Where(r => !r.Acked).Select(r => r.Error), Is.Empty, "every command is acknowledged");
        await Eventually.ThatAsync(
            () => all.All(Answered(slack)),
            "every command gets its reply, in the ack or through its response_url",
            TimeSpan.FromSeconds(30),
            () => $"{all.Count(r => !Answered(slack)(r))} of {all.Count} unanswered");
    }

    private static async Task<bool> ReadyAsync(BotProcess bot)
    {
        using var http = new HttpClient { BaseAddress = bot.BaseAddress };
        try
        {
            return (await http.GetAsync("healthz/ready")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static Func<DeliveryResult, bool> Answered(SlackEmulator slack) => result =>
        result.AckPayload?["text"] is not null
        || slack.ResponseUrlPosts.All.Any(post => result.ResponseUrl is { } url && post.Url.EndsWith(new Uri(url).AbsolutePath, StringComparison.Ordinal));

    // A message in a channel that is not listened to: the bot's message handlers run and let it be.
    private static JsonObject Message(string id, int n) => new()
    {
        ["type"] = "message",
        ["user"] = "U0DEFAULT1",
        ["channel"] = "C0GENERAL1",
        ["text"] = "hello " + id,
        ["ts"] = $"1700000000.{n:D6}",
    };

    private static async Task<long> ScalarAsync(string cs, string sql)
    {
        await using var connection = new NpgsqlConnection(cs);
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
