using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Quartz;
using SlackFeedbackBot.Hosting;
using SlackFeedbackBot.Scheduling;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Scheduling;

public sealed class QuartzSqliteStoreTests
{
    private sealed class Fired
    {
        public ConcurrentQueue<(string Key, DateTimeOffset At)> Runs { get; } = new();
    }

    private sealed class RecordingJob(Fired fired, TimeProvider time) : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            fired.Runs.Enqueue((context.Trigger.Key.Name, time.GetUtcNow()));
            return ValueTask.CompletedTask;
        }
    }

    private static IHost BuildHost(string dbPath, FakeTimeProvider time, Fired fired)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DatabasePath"] = dbPath });
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton(fired);
        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddScheduling(builder.Configuration);
        builder.Services.AddQuartz(q => q.AddJob<RecordingJob>(j => j.WithIdentity("recording").StoreDurably()));
        return builder.Build();
    }

    [Test]
    public async Task Trigger_ScheduledBeforeARestart_FiresAfterIt_AtItsTime()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var fired = new Fired();
        var due = time.GetUtcNow().AddHours(1);

        using (var first = BuildHost(dir.File("bot.db"), time, fired))
        {
            await first.StartAsync();
            var scheduler = await first.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            await scheduler.ScheduleJob(
                TriggerBuilder.Create().WithIdentity("reminder-1").ForJob("recording").StartAt(due).Build());
            await first.StopAsync();
        }

        Assert.That(fired.Runs, Is.Empty);
        using var second = BuildHost(dir.File("bot.db"), time, fired);
        await second.StartAsync();
        time.Advance(TimeSpan.FromMinutes(59));
        Assert.That(fired.Runs, Is.Empty, "nothing fires before its time");
        time.Advance(TimeSpan.FromMinutes(1));

        await Eventually.ThatAsync(() => fired.Runs.Count == 1, "the reminder fires after the restart");
        Assert.That(fired.Runs.Single().Key, Is.EqualTo("reminder-1"));
        Assert.That(fired.Runs.Single().At, Is.EqualTo(due));
        await second.StopAsync();
    }
}
