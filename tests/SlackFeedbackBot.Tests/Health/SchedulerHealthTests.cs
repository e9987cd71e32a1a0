using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartz;
using SlackFeedbackBot.Health;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Health;

/// <summary>The scheduler check on the bot's real Quartz scheduler (SQLite store, the bot's fake clock).</summary>
public sealed class SchedulerHealthTests
{
    private const int QuartzThreads = 4;

    /// <summary>Holds every <see cref="GateJob"/> until opened: a scheduler whose threads are all busy fires nothing else.</summary>
    public sealed class Gate
    {
        private int _running;

        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Running => Volatile.Read(ref _running);

        public void Entered() => Interlocked.Increment(ref _running);
    }

    public sealed class GateJob(Gate gate) : IJob
    {
        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            gate.Entered();
            await gate.Open.Task;
        }
    }

    public sealed class NoOpJob : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }

    private Gate _gate = null!;
    private FakeTimeProvider _time = null!;
    private BotTestHost _host = null!;
    private IScheduler _scheduler = null!;

    [SetUp]
    public async Task SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
        // A fresh gate per test: NUnit keeps one fixture instance for all its tests.
        var gate = _gate = new Gate();
        _host = await BotTestHost.StartAsync(new BotTestHostOptions
        {
            Mode = SlackMode.Http,
            SeedDemoWorkspace = false,
            Time = _time,
            ConfigureServices = services =>
            {
                services.AddSingleton(gate);
                services.AddQuartz(q =>
                {
                    q.AddJob<GateJob>(j => j.WithIdentity("gate", "health-tests").StoreDurably());
                    q.AddJob<NoOpJob>(j => j.WithIdentity("noop", "health-tests").StoreDurably());
                });
            },
        });
        _scheduler = await _host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        // The hosted service starts the scheduler, and stores the declared jobs, once the application has started.
        await Eventually.ThatAsync(
            async () => await _scheduler.GetStatus() == SchedulerStatus.Running
                && await _scheduler.Exists(new JobKey("gate", "health-tests"))
                && await _scheduler.Exists(new JobKey("noop", "health-tests")),
            "the scheduler runs with the test's jobs");
    }

    [TearDown]
    public async Task TearDown()
    {
        // The host waits for running jobs when it stops.
        _gate.Open.TrySetResult();
        await _host.DisposeAsync();
    }

    [Test]
    public async Task RunningScheduler_IsHealthy()
    {
        var ready = await HealthProbe.GetAsync(_host, "/healthz/ready");

        Assert.That(ready.CheckStatus("scheduler"), Is.EqualTo("Healthy"), ready.ToString());
        Assert.That(ready.Data("scheduler", "overdue_triggers")?.GetValue<int>(), Is.EqualTo(0));
    }

    [Test]
    public async Task SchedulerInStandby_IsUnhealthy()
    {
        await _scheduler.Standby();

        var ready = await HealthProbe.GetAsync(_host, "/healthz/ready");

        Assert.That(ready.StatusCode, Is.EqualTo(503), ready.ToString());
        Assert.That(ready.CheckStatus("scheduler"), Is.EqualTo("Unhealthy"));
        Assert.That(ready.Description("scheduler"), Does.Contain("standby"));
    }

    [Test]
    public async Task SchedulerThatStoppedFiring_IsDegradedWithTheOverdueCount_ThenUnhealthy_ThenHealthyWhenItCatchesUp()
    {
        for (var i = 0; i < QuartzThreads; i++)
        {
            await _scheduler.ScheduleJob(TriggerBuilder.Create().WithIdentity($"busy-{i}", "health-tests").ForJob("gate", "health-tests").StartAt(_time.GetUtcNow()).Build());
        }

        await Eventually.ThatAsync(() => _gate.Running == QuartzThreads, "every scheduler thread is busy");
        var due = _time.GetUtcNow().AddSeconds(1);
        for (var i = 0; i < 2; i++)
        {
            // Left alone by the misfire handler, so the trigger stays overdue for as long as the scheduler does not fire it.
            await _scheduler.ScheduleJob(TriggerBuilder.Create().WithIdentity($"late-{i}", "health-tests").ForJob("noop", "health-tests").StartAt(due)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.IgnoreMisfires)).Build());
        }

        _time.SetUtcNow(due + SchedulerHealthCheck.OverdueAfter + TimeSpan.FromSeconds(1));
        var behind = await HealthProbe.WaitForAsync(_host, "/healthz/ready", a => a.CheckStatus("scheduler") != "Healthy", "the scheduler is seen falling behind");
        _time.SetUtcNow(due + SchedulerHealthCheck.StalledAfter + TimeSpan.FromSeconds(1));
        var stalled = await HealthProbe.WaitForAsync(_host, "/healthz/ready", a => a.CheckStatus("scheduler") != "Degraded", "the scheduler is seen stalled");

        Assert.That(behind.CheckStatus("scheduler"), Is.EqualTo("Degraded"), behind.ToString());
        Assert.That(behind.Data("scheduler", "overdue_triggers")?.GetValue<int>(), Is.EqualTo(2));
        Assert.That(stalled.CheckStatus("scheduler"), Is.EqualTo("Unhealthy"), stalled.ToString());
        Assert.That(stalled.Description("scheduler"), Does.StartWith("2 triggers should have fired"));

        _gate.Open.SetResult();
        await HealthProbe.WaitForAsync(_host, "/healthz/ready", a => a.CheckStatus("scheduler") == "Healthy", "the scheduler catches up");
    }
}
