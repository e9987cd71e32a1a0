using Dapper;
using Microsoft.Extensions.DependencyInjection;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.WebApi;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbox;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Outbox;

/// <summary>
/// The outbox against the real bot host, its SQLite file and the emulator's fault injection: effects survive outages
/// and restarts, happen once, and waiting for Slack never holds an inbox worker.
/// </summary>
public sealed class OutboxIntegrationTests
{
    private const string Ana = "U0ANA00001";
    private const string Ben = "U0BEN00002";
    private const string Listening = EmulatorIds.CustomerFeedbackChannelId;
    private const string FollowUpText = "How important is this to the customer?";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static BotTestHostOptions Options(TempDirectory? dir = null, string pacing = "0") => new()
    {
        Directory = dir,
        Settings = new Dictionary<string, string?>
        {
            ["Feedback:PassiveChannels:0"] = Listening,
            ["Slack:PostPacing:IntervalPerChannel"] = pacing,
            ["Slack:Outbox:RetryBaseDelay"] = "100ms",
            ["Slack:Outbox:RetryMaxDelay"] = "1s",
        },
    };

    [Test]
    public async Task WebApiOutageDuringCaptures_AfterRecovery_EveryFollowUpAndPermalinkIsPostedOnce()
    {
        await using var host = await BotTestHost.StartAsync(Options());
        var slack = host.Slack;
        await KnowsItselfAsync(host);
        slack.Faults.StartOutage();

        var messages = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            messages.Add((await slack.PostUserMessageAsync(Ben, Listening, $"Customer {i} asks: can I export report {i} to Excel?")).Ts);
        }

        await Eventually.ThatAsync(() => Items(host) == 20, "every message is captured while Slack's Web API is down", Wait);
        await Eventually.ThatAsync(() => slack.Calls.All.Any(c => c.Method == "chat.getPermalink" && c.HttpStatus == 503), "the outbox tries during the outage", Wait);
        slack.Faults.EndOutage();

        await Eventually.ThatAsync(() => messages.All(ts => FollowUps(slack, ts) >= 1), "every follow-up question is asked after the outage", Wait);
        await Eventually.ThatAsync(() => Repository(host).List(null, null, 100).All(i => i.Permalink is not null), "every item gets its permalink", Wait);
        await Eventually.ThatAsync(() => Pending(host) == 0, "the outbox is empty", Wait);
        Assert.That(messages.Select(ts => FollowUps(slack, ts)), Is.All.EqualTo(1), "each question exactly once");
        Assert.That(slack.Calls.All.Count(c => c.Method == "chat.getPermalink" && c.Ok), Is.EqualTo(20), "each permalink fetched once");
    }

    [Test]
    public async Task RestartMidStream_EveryFollowUpIsAskedExactlyOnce()
    {
        using var dir = new TempDirectory();
        var host = await BotTestHost.StartAsync(Options(dir));
        try
        {
            var slack = host.Slack;
            await KnowsItselfAsync(host);
            slack.Faults.StartOutage();
            var messages = new List<string>();
            for (var i = 0; i < 30; i++)
            {
                messages.Add((await slack.PostUserMessageAsync(Ben, Listening, $"Customer {i} wants a dark mode for page {i}")).Ts);
            }

            await Eventually.ThatAsync(() => Items(host) >= 10, "some are captured before the stop", Wait);
            await host.RestartAsync(() => slack.Faults.EndOutage());

            await Eventually.ThatAsync(() => Items(host) == 30, "every message is captured", Wait);
            await Eventually.ThatAsync(() => messages.All(ts => FollowUps(slack, ts) >= 1), "every follow-up is asked after the restart", Wait);
            await Eventually.ThatAsync(() => Pending(host) == 0 && InboxPending(host) == 0, "nothing is left to do", Wait);
            Assert.That(messages.Select(ts => FollowUps(slack, ts)), Is.All.EqualTo(1));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Test]
    public async Task ReplayedSlashCommand_SameTriggerId_MakesOneItemAndOneReply()
    {
        using var dir = new TempDirectory();
        var host = await BotTestHost.StartAsync(Options(dir));
        try
        {
            var slack = host.Slack;
            var result = await slack.SendSlashCommandAsync(Ana, EmulatorIds.SupportChannelId, "/feedback", "Acme wants SSO with Okta");
            Assert.That(result.AckPayload?["text"]?.ToString(), Does.Contain("#1"));
            await Eventually.ThatAsync(() => InboxPending(host) == 0, "the command is handled", Wait);

            // A crash after the ack and before the row was marked handled: the next start handles the command again.
            await host.RestartAsync(() =>
            {
                using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={host.DatabasePath}");
                connection.Execute("UPDATE slack_inbox SET status = @pending, handled_at = NULL WHERE dedupe_key LIKE 'cmd:%'", new { pending = (int)InboxStatus.Pending });
            });

            await Eventually.ThatAsync(() => InboxPending(host) == 0, "the replayed command is handled", Wait);
            Assert.That(Items(host), Is.EqualTo(1), "one item");
            Assert.That(slack.ResponseUrlPosts.All, Is.Empty, "no second reply");
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Test]
    public async Task BusyChannel_HelpIsAnsweredInTheAck_WhileTheChannelsBacklogDrains()
    {
        await using var host = await BotTestHost.StartAsync(Options(pacing: "200ms"));
        var slack = host.Slack;
        var messages = new List<string>();
        // At one post per 200 ms the channel's 60 follow-ups take 12 s to drain: a backlog that is still there when help is asked.
        for (var i = 0; i < 60; i++)
        {
            messages.Add((await slack.PostUserMessageAsync(Ben, Listening, $"Customer {i}: the invoice page {i} is slow")).Ts);
        }

        await Eventually.ThatAsync(() => Items(host) == 60, "every message is captured", Wait);
        var help = await slack.SendSlashCommandAsync(Ana, EmulatorIds.SupportChannelId, "/feedback", "help");

        Assert.That(help.AckPayload?["text"]?.ToString() ?? help.AckPayload?.ToJsonString(), Does.Contain("/feedback"), "help comes in the ack");
        Assert.That(messages.Count(ts => FollowUps(slack, ts) > 0), Is.LessThan(60), "while the channel's follow-ups are still paced out");
        await Eventually.ThatAsync(() => messages.All(ts => FollowUps(slack, ts) == 1), "the backlog drains, one question each", TimeSpan.FromSeconds(90));
    }

    [Test]
    public async Task SlackRefusesForGood_TheTaskFailsOnce_AndIsNotRetried()
    {
        await using var host = await BotTestHost.StartAsync(Options());
        var slack = host.Slack;
        slack.Faults.FailNext("chat.postMessage", "is_archived");

        var message = await slack.PostUserMessageAsync(Ben, Listening, "Customer: the calendar sync drops events");
        await Eventually.ThatAsync(() => Rows(host).Any(r => r.Key.StartsWith("followup:", StringComparison.Ordinal) && r.Status == "failed"), "the follow-up fails", Wait);

        // Later work goes through while the failed task stays failed.
        var later = await slack.PostUserMessageAsync(Ben, Listening, "Customer: the calendar sync is slow too");
        await Eventually.ThatAsync(() => FollowUps(slack, later.Ts) == 1 && Pending(host) == 0, "the next follow-up is asked", Wait);

        var row = Rows(host).First(r => r.Key.StartsWith("followup:", StringComparison.Ordinal));
        Assert.That((row.Attempts, row.LastError), Is.EqualTo((1L, "chat.postMessage: is_archived")));
        Assert.That(slack.Calls.All.Count(c => c.Method == "chat.postMessage" && c.Arg("thread_ts") == message.Ts), Is.EqualTo(1), "tried once");
        Assert.That(host.Log.Messages.Count(m => m.Contains("failed for good", StringComparison.Ordinal)), Is.EqualTo(1), "logged once");
    }

    [Test]
    public async Task RateLimited_IsRescheduledAfterRetryAfter_WithoutHoldingTheWorker()
    {
        await using var host = await BotTestHost.StartAsync(Options());
        var slack = host.Slack;
        slack.Faults.RateLimitNext("chat.postMessage", retryAfterSeconds: 3);

        var message = await slack.PostUserMessageAsync(Ben, Listening, "Customer: the mobile app logs me out");
        await Eventually.ThatAsync(() => InboxPending(host) == 0 && Items(host) == 1, "the event is handled", Wait);
        var limited = await slack.WaitForCallAsync("chat.postMessage", c => c.HttpStatus == 429, Wait);
        var askedWhenHandled = FollowUps(slack, message.Ts);

        await Eventually.ThatAsync(() => FollowUps(slack, message.Ts) == 1, "the question goes out after the wait", Wait);
        var asked = slack.Calls.All.Single(c => c.Method == "chat.postMessage" && c.Ok && c.Arg("thread_ts") == message.Ts);
        Assert.That(askedWhenHandled, Is.Zero, "the handler did not wait for Slack's Retry-After");
        Assert.That(asked.Time - limited.Time, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(2.9)), "Retry-After is respected");
        await Eventually.ThatAsync(() => Rows(host).Single(r => r.Key.StartsWith("followup:", StringComparison.Ordinal)).Status == "done", "the task is recorded done", Wait);
    }

    // The bot asks auth.test who it is on its first event; an outage from the very first second is not what these measure.
    private static Task KnowsItselfAsync(BotTestHost host) => host.Services.GetRequiredService<SlackBotIdentity>().GetAsync(CancellationToken.None);

    private static FeedbackRepository Repository(BotTestHost host) => host.Services.GetRequiredService<FeedbackRepository>();

    private static int Items(BotTestHost host) => Repository(host).Count();

    private static int FollowUps(SlackEmulator slack, string ts) =>
        slack.Calls.All.Count(c => c.Method == "chat.postMessage" && c.Ok && c.Arg("channel") == Listening && c.Arg("thread_ts") == ts && c.Arg("text")!.Contains(FollowUpText, StringComparison.Ordinal));

    private static IReadOnlyList<(string Key, string Status, long Attempts, string? LastError)> Rows(BotTestHost host) => OutboxTable.Rows(host.Database);

    private static int Pending(BotTestHost host) => Rows(host).Count(r => r.Status == "pending");

    private static long InboxPending(BotTestHost host)
    {
        using var connection = host.Database.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM slack_inbox WHERE status = 0");
    }
}
