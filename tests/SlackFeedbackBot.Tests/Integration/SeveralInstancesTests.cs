using System.Collections.Concurrent;
using Dapper;
using Npgsql;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Delivery;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Integration;

/// <summary>
/// Two bot processes on one PostgreSQL database, as an operator runs them: a rolling restart while people use a
/// command, and one instance killed in the middle of 4,000 events. <see cref="SeveralInstancesScheduleTests"/> has
/// what they schedule.
/// </summary>
public sealed class SeveralInstancesTests
{
    internal const string Ben = "U0BEN00002";
    private const string Listening = EmulatorIds.CustomerFeedbackChannelId;
    internal const string Chatter = EmulatorIds.GeneralChannelId;
    private const string FollowUpText = "How important is this to the customer?";
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
    public async Task OneInstanceKilledDuring4000Events_NoneIsLostOrDoubled_AndTheSurvivorAsksEveryFollowUpOnce()
    {
        // Every tenth message is in a listened channel and becomes an item with a follow-up question; the rest are
        // chatter in a channel the bot does not listen to, stored and handled like every event.
        const int Messages = 4000;
        const int CapturedEvery = 10;
        using var dir = new TempDirectory();
        // Empty, as an operator's new database is: the instances migrate it themselves.
        await using var db = await ProviderDatabase.CreateAsync(StorageProvider.Postgres, migrate: false);
        var cs = db.Database.ConnectionString;
        await using var slack = await SlackEmulator.StartAsync(new EmulatorOptions { SeedDemoWorkspace = true, AckTimeout = TimeSpan.FromSeconds(5) });
        string[] settings =
        [
            // The shortest lease the settings allow: the survivor takes the dead instance's requests over after it.
            "--Slack:LeaseDuration=10s",
            $"--Feedback:PassiveChannels:0={Listening}",
            // Slack's one post per second in a channel would make 4,000 follow-ups take an hour; the emulator has no such limit.
            "--Slack:PostPacing:IntervalPerChannel=0",
        ];
        await using var a = await BotProcess.StartSocketModeOnPostgresAsync(slack, Path.Combine(dir.Path, "a"), cs, [.. settings, "--Slack:InstanceId=a"]);
        await using var b = await BotProcess.StartSocketModeOnPostgresAsync(slack, Path.Combine(dir.Path, "b"), cs, [.. settings, "--Slack:InstanceId=b"]);
        await slack.WaitForSocketsAsync(4, TimeSpan.FromSeconds(60));

        var capturedAndAcked = new ConcurrentBag<string>();
        var ackedEvents = 0;
        var unacked = new ConcurrentBag<string>();
        var sent = 0;
        var streams = Enumerable.Range(0, 4).Select(stream => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref sent)) <= Messages)
            {
                var captured = n % CapturedEvery == 0;
                var posted = await slack.PostUserMessageAsync(Ben, captured ? Listening : Chatter, captured ? Question(n) : $"hello {n}");
                if (posted.MessageDelivery is not { Acked: true })
                {
                    unacked.Add(posted.Ts);
                    continue;
                }

                Interlocked.Increment(ref ackedEvents);
                if (captured)
                {
                    capturedAndAcked.Add(posted.Ts);
                }
            }
        })).ToList();

        await Eventually.ThatAsync(() => Volatile.Read(ref ackedEvents) >= Messages / 3, $"{Messages / 3} messages are acknowledged", TimeSpan.FromSeconds(120));
        await a.KillAsync();
        await Task.WhenAll(streams);

        Assert.That(unacked, Is.Empty, "Slack's retries reach the surviving instance");
        Assert.That(capturedAndAcked, Has.Count.EqualTo(Messages / CapturedEvery));
        await Eventually.ThatAsync(
            async () => await ScalarAsync(cs, "SELECT COUNT(*) FROM slack_inbox WHERE status <> 1") == 0,
            "every stored event is handled, the dead instance's after its leases ran out",
            TimeSpan.FromSeconds(120));
        var followUps = new Dictionary<string, int>();
        await Eventually.ThatAsync(
            () =>
            {
                followUps = FollowUpsPerMessage(slack);
                return capturedAndAcked.All(ts => followUps.ContainsKey(ts));
            },
            "the survivor asks every follow-up, the dead instance's too",
            TimeSpan.FromSeconds(120),
            () => $"{capturedAndAcked.Count(ts => !followUps.ContainsKey(ts))} of {capturedAndAcked.Count} have no follow-up");

        await using var connection = new NpgsqlConnection(cs);
        var stored = (await connection.QueryAsync<string>("SELECT dedupe_key FROM slack_inbox")).ToList();
        Assert.That(stored, Is.Unique, "each event is stored once, whichever socket and instance it came through");
        Assert.That(stored, Has.Count.GreaterThanOrEqualTo(Messages), "every event is stored, none is lost");
        var items = (await connection.QueryAsync<string>("SELECT message_ts FROM feedback_items WHERE channel_id = @Listening", new { Listening })).ToList();
        Assert.That(items, Is.Unique, "each message is captured once");
        Assert.That(items, Is.EquivalentTo(capturedAndAcked), "every acknowledged message is captured, none is lost");
        Assert.That(followUps.Where(pair => pair.Value != 1).Select(pair => $"{pair.Key}: {pair.Value}"), Is.Empty, "each follow-up is asked once");
    }

    // Words of their own for each message: the events are what this test is about, so no two look like one issue.
    private static string Question(int n)
    {
        var random = new Random(n);
        var words = Enumerable.Range(0, 6).Select(_ => new string(Enumerable.Range(0, 7).Select(_ => (char)('a' + random.Next(26))).ToArray()));
        return $"Customer asks: {string.Join(' ', words)}?";
    }

    private static Dictionary<string, int> FollowUpsPerMessage(SlackEmulator slack) =>
        slack.Workspace.Messages
            .Where(m => m.Channel == Listening && m.BotId is not null && m.ThreadTs is not null && m.Text.Contains(FollowUpText, StringComparison.Ordinal))
            .GroupBy(m => m.ThreadTs!)
            .ToDictionary(g => g.Key, g => g.Count());

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

    internal static async Task<long> ScalarAsync(string cs, string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(cs);
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }
}
