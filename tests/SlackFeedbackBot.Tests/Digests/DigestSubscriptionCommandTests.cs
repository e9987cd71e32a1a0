using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using SlackFeedbackBot.Digests;
using SlackFeedbackBot.Emulator.Delivery;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Digests;

/// <summary><c>/feedback digest</c> through the real bot host and the Slack emulator: subscribe, list, unsubscribe, on demand, bad input.</summary>
public sealed class DigestSubscriptionCommandTests
{
    private const string Ana = "U0ANA00001";
    private const string General = EmulatorIds.GeneralChannelId;
    private const string Declared = EmulatorIds.SupportChannelId;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private BotTestHost _host = null!;

    private DigestSubscriptionRepository Subscriptions => _host.Services.GetRequiredService<DigestSubscriptionRepository>();

    [SetUp]
    public async Task SetUp() => _host = await BotTestHost.StartAsync(new BotTestHostOptions
    {
        Settings = new Dictionary<string, string?>
        {
            ["Digests:Subscriptions:0:Channel"] = Declared,
            ["Digests:Subscriptions:0:Cadence"] = "monthly",
            ["ProductAreas:Areas:0:Id"] = "billing",
            ["ProductAreas:Areas:0:Phrases:0"] = "invoice",
        },
    });

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    private async Task<JsonNode> ReplyAsync(string text)
    {
        var result = await _host.Slack.SendSlashCommandAsync(Ana, General, "/feedback", text);
        return result.AckPayload?["text"] is not null
            ? result.AckPayload
            : (await _host.Slack.ResponseUrlPosts.WaitForAsync(p => p.Url == result.ResponseUrl, Wait)).Payload;
    }

    private async Task<string> ReplyTextAsync(string text) => (await ReplyAsync(text))["text"]!.ToString();

    private async Task<ITrigger?> TriggerAsync(string channel, string cadence) =>
        await (await _host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler())
            .GetTrigger(new TriggerKey($"{channel}|{cadence}", DigestScheduler.TriggerGroup));

    [TestCase("subscribe general weekly", "`general` is not a channel")]
    [TestCase("subscribe @ben weekly", "is not a channel")]
    [TestCase("subscribe #no-such-channel weekly", "I can't find a channel called `#no-such-channel`")]
    [TestCase("subscribe #general yearly", "`yearly` is not a digest cadence. Use `weekly` or `monthly`.")]
    [TestCase("subscribe #general weekly shipping", "`shipping` is neither a bucket nor a product area")]
    [TestCase("subscribe #general", "Say which channel and how often")]
    [TestCase("unsubscribe", "Say which channel")]
    [TestCase("week nonsense", "`nonsense` is neither a bucket nor a product area")]
    [TestCase("frobnicate", "I don't know `/feedback digest frobnicate`")]
    [TestCase("last", "`/feedback digest last week` or `/feedback digest last month`")]
    [TestCase("last year", "`/feedback digest last week` or `/feedback digest last month`")]
    public async Task BadInput_GetsAClearAnswer_AndChangesNothing(string command, string answer)
    {
        var reply = await ReplyTextAsync("digest " + command);

        Assert.That(reply, Does.Contain(answer));
        Assert.That(Subscriptions.All().Select(s => s.ChannelId), Is.EqualTo(new[] { Declared }), "only the declared subscription");
        Assert.That(await TriggerAsync(General, "weekly"), Is.Null);
    }

    [Test]
    public async Task Subscribe_ByChannelName_InTheAskersZone_ThenListAndUnsubscribe()
    {
        var subscribed = await ReplyTextAsync("digest subscribe #general weekly user experience");

        Assert.That(subscribed, Does.Contain("<#C0GENERAL1> will get the weekly, bucket `user_experience` only feedback digest").And.Contain("America/New_York"));
        var stored = Subscriptions.All().Single(s => s.ChannelId == General);
        Assert.That((stored.Cadence, stored.TimeZone, stored.Cron, stored.Bucket, stored.CreatedBy, stored.Declared),
            Is.EqualTo(("weekly", "America/New_York", DigestCadence.WeeklyCron, (string?)"user_experience", (string?)Ana, false)));
        var trigger = (ICronTrigger)(await TriggerAsync(General, "weekly"))!;
        Assert.That((trigger.CronExpressionString, trigger.TimeZone.Id, trigger.MisfireInstruction),
            Is.EqualTo((DigestCadence.WeeklyCron, "America/New_York", CronTriggerMisfireInstruction.FireAndProceed)));
        var nextLocal = TimeZoneInfo.ConvertTime(trigger.NextFireTimeUtc!.Value, trigger.TimeZone);
        Assert.That((nextLocal.DayOfWeek, nextLocal.Hour), Is.EqualTo((DayOfWeek.Monday, 9)));

        var list = await ReplyTextAsync("digest list");
        Assert.That(list, Does.Contain("<#C0GENERAL1>: weekly, bucket `user_experience` only, America/New_York").And.Contain($"(by <@{Ana}>)"));
        Assert.That(list, Does.Contain($"<#{Declared}>: monthly, UTC").And.Contain("(configuration)"));

        var unsubscribed = await ReplyTextAsync("digest unsubscribe #general");
        Assert.That(unsubscribed, Does.Contain("<#C0GENERAL1> will no longer get the weekly"));
        Assert.That(Subscriptions.All().Select(s => s.ChannelId), Is.EqualTo(new[] { Declared }));
        Assert.That(await TriggerAsync(General, "weekly"), Is.Null);
    }

    [Test]
    public async Task Subscribe_ToAProductArea_AndTheDeclaredOneCannotBeRemovedFromSlack()
    {
        var subscribed = await ReplyTextAsync("digest subscribe #general monthly Billing");
        var keepDeclared = await ReplyTextAsync("digest unsubscribe #support");

        Assert.That(subscribed, Does.Contain("monthly, product area `billing` only"));
        Assert.That(Subscriptions.All().Single(s => s.ChannelId == General).ProductArea, Is.EqualTo("billing"));
        Assert.That(keepDeclared, Does.Contain("comes from the bot's configuration; remove it there"));
        Assert.That(await TriggerAsync(Declared, "monthly"), Is.Not.Null);
    }

    [Test]
    public async Task DigestWeek_IsShownToTheAskerOnly()
    {
        var reply = await ReplyAsync("digest week");

        Assert.That(reply["response_type"]?.ToString(), Is.Not.EqualTo("in_channel"));
        Assert.That(reply["text"]!.ToString(), Does.StartWith("Feedback digest 20").And.Contain("0 reports"));
        Assert.That(reply["blocks"]!.AsArray().First()!["type"]!.ToString(), Is.EqualTo("header"));
        Assert.That(_host.Slack.Calls.All.Where(c => c.Method == "chat.postMessage"), Is.Empty, "nothing posted to the channel");
    }

    [Test]
    public async Task DigestWeek_OnDemand_IsThisWeekSoFar_WithWhatWasJustCaptured_InTheAskersDates()
    {
        // Wednesday 2 Dec 2026, 03:00 UTC: still Tuesday 1 Dec in New York, Ana's zone.
        await _host.DisposeAsync();
        _host = await BotTestHost.StartAsync(new BotTestHostOptions
        {
            Time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero)),
        });
        await ReplyTextAsync("How do I export my reports to Excel?");

        var soFar = await ReplyAsync("digest week");
        var lastWeek = await ReplyAsync("digest last week");

        var context = soFar["blocks"]!.AsArray()[1]!["elements"]![0]!["text"]!.ToString();
        Assert.That(soFar["text"]!.ToString(), Does.StartWith("Feedback digest 2026-W49 so far").And.Contain("1 report"), "the item just captured is in it");
        Assert.That(context, Does.Contain("Mon 30 Nov – Tue 1 Dec 2026 (so far)"), "the period is shown as dates in the asker's zone");
        Assert.That(context, Does.Contain("change since the same days last week"));
        Assert.That(lastWeek["text"]!.ToString(), Does.Not.Contain("so far").And.Contain("0 reports"), "last week is the complete one before");
        Assert.That(lastWeek["blocks"]!.AsArray()[1]!["elements"]![0]!["text"]!.ToString(), Does.Contain("change since the previous week"));
    }

    [TestCase("Digest emails arrive too late on Mondays")]
    [TestCase("DIGEST week view is confusing for our managers")]
    [TestCase("digest subscribe doesn't work for private channels")]
    public async Task CustomerSentence_StartingWithDigest_IsSavedWhole(string sentence)
    {
        var reply = await ReplyTextAsync(sentence);

        Assert.That(reply, Does.StartWith("Saved as feedback #1"));
        using var connection = _host.Database.Open();
        Assert.That(connection.Query<string>("SELECT text FROM feedback_items").Single(), Is.EqualTo(sentence));
        Assert.That(Subscriptions.All().Select(s => s.ChannelId), Is.EqualTo(new[] { Declared }));
    }

    [Test]
    public async Task CapturedFeedback_IsTaggedWithItsProductArea()
    {
        await ReplyTextAsync("How do I download last month's invoice?");
        await ReplyTextAsync("How do I connect Trello?");

        using var connection = _host.Database.Open();
        var areas = connection.Query<(string Text, string? Area)>("SELECT text, product_area FROM feedback_items ORDER BY id").ToList();
        Assert.That(areas, Is.EqualTo(new[] { ("How do I download last month's invoice?", (string?)"billing"), ("How do I connect Trello?", null) }));
    }
}
