using SlackFeedbackBot.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartz;
using SlackFeedbackBot.Digests;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.WebApi;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Scheduling;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Digests;

/// <summary>
/// Scheduled digests through the real bot host: Quartz on the SQLite store driven by a fake clock, posting to the Slack emulator.
/// The subscription is weekly for #customer-feedback in Europe/Berlin, so it is due on Monday 30 November 2026 at 09:00 local (08:00 UTC).
/// </summary>
[TestFixtureSource(typeof(ProviderDatabase), nameof(ProviderDatabase.Providers))]
public sealed class DigestJobSchedulingTests(StorageProvider provider)
{
    private const string Channel = EmulatorIds.CustomerFeedbackChannelId;
    private static readonly DateTimeOffset SundayEvening = new(2026, 11, 29, 20, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Due = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private BotTestHostOptions Options(FakeTimeProvider time) => new()
    {
        Provider = provider,
        Time = time,
        Settings = new Dictionary<string, string?>
        {
            ["Digests:Subscriptions:0:Channel"] = Channel,
            ["Digests:Subscriptions:0:Cadence"] = "weekly",
            ["Digests:Subscriptions:0:TimeZone"] = "Europe/Berlin",
        },
    };

    private static void SeedWeek48(BotTestHost host)
    {
        var seed = new DigestJobSeed(host.Database);
        var export = seed.Item("How do I export my reports to Excel?", "user_experience", DigestJobSeed.Week48.AddDays(1).AddHours(10), "Acme", "U0ANA00001");
        seed.MeToo(export, "U0BEN00002", "Globex", DigestJobSeed.Week48.AddDays(2));
        seed.Item("Can you integrate with Trello?", "product_marketing", DigestJobSeed.Week48.AddDays(3).AddHours(10), "Initech");
        seed.Item("How do I invite my team?", "user_experience", DigestJobSeed.Week48.AddDays(-5));
    }

    private static IReadOnlyList<ApiCall> Calls(SlackEmulator slack, string method) =>
        slack.Calls.All.Where(c => c.Method == method && c.Ok).ToList();

    private static IReadOnlyList<ApiCall> DigestPosts(SlackEmulator slack) =>
        Calls(slack, "chat.postMessage").Where(c => c.Arg("channel") == Channel).ToList();

    private static async Task<(ApiCall Post, ApiCall Complete)> DigestWithChartAsync(SlackEmulator slack)
    {
        var post = await slack.WaitForCallAsync("chat.postMessage", c => c.Ok && c.Arg("channel") == Channel, Wait);
        var ts = post.Response["ts"]!.GetValue<string>();
        var complete = await slack.WaitForCallAsync("files.completeUploadExternal", c => c.Ok && c.Arg("thread_ts") == ts, Wait);
        return (post, complete);
    }

    [Test]
    public async Task WeeklyDigest_ArrivesAtItsScheduledTime_WithItsChart_ExactlyOnce()
    {
        var time = new FakeTimeProvider(SundayEvening);
        await using var host = await BotTestHost.StartAsync(Options(time));
        SeedWeek48(host);
        var trigger = await (await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler())
            .GetTrigger(new TriggerKey($"{Channel}|weekly", DigestScheduler.TriggerGroup));
        Assert.That(trigger?.NextFireTimeUtc, Is.EqualTo(Due), "09:00 in Berlin on Monday");

        time.SetUtcNow(Due.AddSeconds(-1));
        await Task.Yield();
        Assert.That(DigestPosts(host.Slack), Is.Empty, "nothing before nine");
        time.SetUtcNow(Due);
        var (post, complete) = await DigestWithChartAsync(host.Slack);

        Assert.That(post.Arg("text"), Does.StartWith("Feedback digest 2026-W48: 3 reports").And.Not.Contain("posted late"));
        Assert.That(post.Arg("blocks"), Does.Contain("Top User experience issues").And.Contain("export"));
        var reserve = Calls(host.Slack, "files.getUploadURLExternal").Single();
        Assert.That(reserve.Arg("filename"), Is.EqualTo("feedback-digest-2026-W48.png"));
        Assert.That(complete.Arg("channel_id"), Is.EqualTo(Channel));
        Assert.That(complete.Arg("files"), Does.Contain(reserve.Response["file_id"]!.GetValue<string>()));
        await Eventually.ThatAsync(() => OutboxTable.StatusOf(host.Database, "digest:C0FEEDBK01:2026-W48") == "done", "the digest is recorded as posted for its week");

        // A later fire for the same week (a second instance, a retried job) posts nothing.
        var subscription = host.Services.GetRequiredService<DigestSubscriptionRepository>().All().Single();
        var again = await host.Services.GetRequiredService<DigestPublisher>().PublishAsync(subscription, Due, late: false, CancellationToken.None);

        Assert.That(again, Is.False);
        Assert.That(DigestPosts(host.Slack), Has.Count.EqualTo(1));
        Assert.That(Calls(host.Slack, "files.completeUploadExternal"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Digest_QuotingAChannelPingAndADisguisedLink_PingsNobodyAndShowsTheAddress()
    {
        var time = new FakeTimeProvider(SundayEvening);
        await using var host = await BotTestHost.StartAsync(Options(time));
        var seed = new DigestJobSeed(host.Database);
        seed.Item("How do I export my reports? <!channel> <!subteam^S0SUPPORT|@support-now> see <http://evil.example/x|https://docs.example.com>", "user_experience", DigestJobSeed.Week48.AddDays(1).AddHours(10), "Acme", "U0ANA00001");

        time.SetUtcNow(Due);
        var (post, _) = await DigestWithChartAsync(host.Slack);

        SlackTextAssert.NoPingOrDisguisedLink(post);
        Assert.That(post.Arg("blocks"), Does.Contain("http://evil.example/x"));
    }

    [Test]
    public async Task DigestDueWhileTheBotWasDown_IsPostedOnceWhenItComesBack_ForTheIntendedWeek_SayingItIsLate()
    {
        var time = new FakeTimeProvider(SundayEvening);
        await using var host = await BotTestHost.StartAsync(Options(time));
        SeedWeek48(host);

        // Down through Monday 09:00; back on Wednesday, when "the last complete week" is still week 48 but the fire was two days ago.
        await host.RestartAsync(whileStopped: () => time.SetUtcNow(Due.AddDays(2).AddHours(5)));
        var (post, _) = await DigestWithChartAsync(host.Slack);

        Assert.That(post.Arg("text"), Does.StartWith("Feedback digest 2026-W48: 3 reports").And.EndWith(DigestPublisher.LateNote));
        Assert.That(post.Arg("blocks"), Does.Contain(DigestPublisher.LateNote));
        var trigger = await (await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler())
            .GetTrigger(new TriggerKey($"{Channel}|weekly", DigestScheduler.TriggerGroup));
        Assert.That(trigger?.NextFireTimeUtc, Is.EqualTo(Due.AddDays(7)), "back on the weekly schedule");

        time.SetUtcNow(Due.AddDays(2).AddHours(6));
        await Eventually.ThatAsync(() => Calls(host.Slack, "files.completeUploadExternal").Count == 1, "the chart is uploaded once");
        Assert.That(DigestPosts(host.Slack), Has.Count.EqualTo(1), "the late digest is posted once");
    }

    [Test]
    public void IntendedFireTime_OfALateFire_IsTheMissedOccurrence()
    {
        var expression = DigestCadence.WeeklyCron;
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        // Quartz reports a misfired cron trigger as scheduled "now"; the intended time is the occurrence that was missed.
        var intended = DigestScheduler.IntendedFireTime(expression, berlin, Due.AddDays(2).AddHours(5));
        var onTime = DigestScheduler.IntendedFireTime(expression, berlin, Due);
        var monthly = DigestScheduler.IntendedFireTime(DigestCadence.MonthlyCron, berlin, new DateTimeOffset(2026, 12, 20, 8, 0, 0, TimeSpan.Zero));

        Assert.That(intended, Is.EqualTo(Due));
        Assert.That(onTime, Is.EqualTo(Due));
        Assert.That(monthly, Is.EqualTo(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero)));
        Assert.That(DigestQuery.LastComplete(DigestPeriodKind.Week, berlin, intended).Period.Label, Is.EqualTo("2026-W48"));
        Assert.That(DigestQuery.LastComplete(DigestPeriodKind.Month, berlin, monthly).Period.Label, Is.EqualTo("2026-11"));
    }
}
