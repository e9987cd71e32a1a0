using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartz;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Outbox;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Observability;

/// <summary>The gauges (inbox depth and age, outbox backlog) and Quartz's misfires, scraped from the running bot on a fake clock.</summary>
// OpenTelemetry listens to every meter of a name in the process, whichever host's meter factory made it: a bot host
// in another fixture would show up in this one's scrape.
[NonParallelizable]
public sealed class MetricGaugesTests
{
    private const string SlowEvent = "metrics_test_slow";
    private const string Ana = "U0ANA00001";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>Holds each event until the test opens the gate: a request that stays in the inbox as long as the test wants.</summary>
    public sealed class Gate
    {
        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public sealed class GateHandler(Gate gate) : IEventHandler
    {
        public Task HandleAsync(EventCallback callback, CancellationToken ct) => gate.Open.Task.WaitAsync(ct);
    }

    public sealed class NoOpJob : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }

    private FakeTimeProvider _time = null!;
    private Gate _gate = null!;
    private BotTestHost _host = null!;

    [SetUp]
    public async Task SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
        var gate = _gate = new Gate();
        _host = await BotTestHost.StartAsync(new BotTestHostOptions
        {
            Mode = SlackMode.Http,
            Time = _time,
            ConfigureServices = services =>
            {
                services.AddSingleton(gate);
                services.AddQuartz(q => q.AddJob<NoOpJob>(j => j.WithIdentity("noop", "metrics-tests").StoreDurably()));
            },
            Handlers = handlers => handlers.AddEventHandler<GateHandler>(SlowEvent),
        });
    }

    [TearDown]
    public async Task TearDown()
    {
        _gate.Open.TrySetResult();
        await _host.DisposeAsync();
    }

    [Test]
    public async Task InboxGauges_CountTheRequestWaiting_AndItsAgeOnTheAppsClock_ThenDropToZero()
    {
        var before = await PrometheusScrape.GetAsync(_host.BaseAddress);
        await _host.Slack.SendEventAsync(new JsonObject { ["type"] = SlowEvent }, "EvMETRICSSLOW1");

        // The clock moves only once the request is counted: on a busy machine the delivery can still be on its way
        // when the emulator's call returns, and a request stamped after the move would be 0 s old.
        PrometheusScrape waiting = null!;
        await Eventually.ThatAsync(
            async () => (waiting = await PrometheusScrape.GetAsync(_host.BaseAddress)).Sum("slackfeedbackbot_inbox_depth") >= 1,
            "the waiting request is counted", Wait, () => waiting?.Describe("slackfeedbackbot_inbox") ?? "");
        _time.Advance(TimeSpan.FromSeconds(90));
        await Eventually.ThatAsync(
            async () => (waiting = await PrometheusScrape.GetAsync(_host.BaseAddress)).Sum("slackfeedbackbot_inbox_oldest_age_seconds") >= 90,
            "the waiting request's age follows the app's clock", Wait, () => waiting?.Describe("slackfeedbackbot_inbox") ?? "");
        _gate.Open.SetResult();
        PrometheusScrape after = null!;
        await Eventually.ThatAsync(
            async () => (after = await PrometheusScrape.GetAsync(_host.BaseAddress)).Sum("slackfeedbackbot_inbox_depth") == 0,
            "the handled request leaves the gauge", Wait, () => after?.Describe("slackfeedbackbot_inbox") ?? "");

        Assert.That(before.Sum("slackfeedbackbot_inbox_depth"), Is.Zero);
        Assert.That(before.Sum("slackfeedbackbot_inbox_oldest_age_seconds"), Is.Zero);
        Assert.That(waiting.Sum("slackfeedbackbot_inbox_depth"), Is.EqualTo(1));
        Assert.That(waiting.Sum("slackfeedbackbot_inbox_oldest_age_seconds"), Is.GreaterThanOrEqualTo(90).And.LessThan(120));
        Assert.That(after.Sum("slackfeedbackbot_inbox_oldest_age_seconds"), Is.Zero);
        Assert.That(after.Sum("slackfeedbackbot_inbox_requests_total", "kind=event", "outcome=handled"), Is.EqualTo(1));
    }

    [Test]
    public async Task OutboxBacklog_CountsATaskSlackKeepsRefusing_AndItsRetries_ThenEmptiesWhenItIsSent()
    {
        _host.Slack.Faults.ServerErrorNext("conversations.open", 500, times: 1000);
        var outbox = _host.Services.GetRequiredService<ISlackOutbox>();
        await outbox.EnqueueAsync($"reminder:gauges:60m:{Ana}", SlackEffects.DirectMessage(Ana, new SlackMessage { Text = "Your support shift starts in an hour." }));

        PrometheusScrape stuck = null!;
        await Eventually.ThatAsync(
            async () =>
            {
                stuck = await PrometheusScrape.GetAsync(_host.BaseAddress);
                return stuck.Sum("slackfeedbackbot_outbox_backlog") >= 1
                    && stuck.Sum("slackfeedbackbot_outbox_retried_total", "kind=slack.dm", "purpose=reminder", "reason=transient") >= 1;
            },
            "the backlog and the retries show the task", Wait, () => stuck?.Describe("slackfeedbackbot_outbox") ?? "");
        _host.Slack.Faults.Clear();
        PrometheusScrape sent = null!;
        await Eventually.ThatAsync(
            async () =>
            {
                sent = await PrometheusScrape.GetAsync(_host.BaseAddress);
                return sent.Sum("slackfeedbackbot_outbox_sent_total", "kind=slack.dm", "purpose=reminder") == 1 && sent.Sum("slackfeedbackbot_outbox_backlog") == 0;
            },
            "the task is sent and the backlog is empty", TimeSpan.FromSeconds(60), () => sent?.Describe("slackfeedbackbot_outbox") ?? "");

        Assert.That(stuck.Sum("slackfeedbackbot_outbox_backlog"), Is.EqualTo(1));
        Assert.That(stuck.Sum("slackfeedbackbot_slack_api_errors_total", "method=conversations.open", "error=http_5xx"), Is.GreaterThanOrEqualTo(1));
        Assert.That(sent.Sum("slackfeedbackbot_outbox_oldest_age_seconds"), Is.Zero);
    }

    [Test]
    public async Task TriggerDueWhileTheBotWasDown_IsCountedAsAMisfire_AndFires()
    {
        var scheduler = await _host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await Eventually.ThatAsync(async () => await scheduler.Exists(new JobKey("noop", "metrics-tests")), "the test's job is stored");
        await scheduler.ScheduleJob(TriggerBuilder.Create().WithIdentity("late", "metrics-tests").ForJob("noop", "metrics-tests")
            .StartAt(_time.GetUtcNow().AddMinutes(5)).Build());

        await _host.RestartAsync(() => _time.Advance(TimeSpan.FromMinutes(30)));

        PrometheusScrape scrape = null!;
        await Eventually.ThatAsync(
            async () =>
            {
                scrape = await PrometheusScrape.GetAsync(_host.BaseAddress);
                return scrape.Sum("slackfeedbackbot_scheduler_misfires_total", "job=metrics-tests.noop") >= 1
                    && scrape.Sum("slackfeedbackbot_scheduler_fires_total", "job=metrics-tests.noop") >= 1;
            },
            "the misfire and the late fire are counted", Wait, () => scrape?.Describe("slackfeedbackbot_scheduler") ?? "");

        Assert.That(scrape.Sum("slackfeedbackbot_scheduler_misfires_total", "job=metrics-tests.noop"), Is.EqualTo(1));
    }
}
