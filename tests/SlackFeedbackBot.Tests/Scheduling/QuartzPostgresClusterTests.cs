using Dapper;
using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Quartz;
using SlackFeedbackBot.Scheduling;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Scheduling;

/// <summary>The bot's scheduler, configured as the bot configures it, clustered on a real PostgreSQL database.</summary>
public sealed class QuartzPostgresClusterTests
{
    private static readonly ClusterTiming FastCheckins = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    private static readonly JobKey Job = new("counting", "cluster-tests");

    private sealed class Fired
    {
        public ConcurrentQueue<(string Instance, DateTimeOffset? Scheduled)> Runs { get; } = new();
    }

    private sealed class CountingJob(Fired fired) : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            fired.Runs.Enqueue((context.Scheduler.SchedulerInstanceId, context.ScheduledFireTimeUtc));
            return ValueTask.CompletedTask;
        }
    }

    private static IHost BuildHost(string connectionString, TimeProvider time, Fired fired, params DeclaredTrigger[] declared)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = connectionString,
        });
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(fired);
        builder.Services.AddScheduling(builder.Configuration, FastCheckins);
        builder.Services.AddQuartz(q => q.AddJob<CountingJob>(j => j.WithIdentity(Job).StoreDurably()));
        foreach (var trigger in declared)
        {
            builder.Services.AddDeclaredTrigger(trigger);
        }

        return builder.Build();
    }

    [Test]
    public async Task Instance_OnPostgres_ChecksInUnderItsOwnId_AndFiresATriggerAtItsTime()
    {
        var server = await PostgresServer.GetAsync();
        var cs = await server.CreateDatabaseAsync();
        try
        {
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
            var fired = new Fired();
            using var host = BuildHost(cs, time, fired);
            using (var startLimit = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                await host.StartAsync(startLimit.Token);
            }

            var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            Assert.That(scheduler.SchedulerInstanceId, Does.StartWith(Environment.MachineName + "-" + Environment.ProcessId + "-"));
            await Eventually.ThatAsync(
                async () => await ScalarAsync<long>(cs, "SELECT COUNT(*) FROM qrtz_scheduler_state WHERE instance_name = @id", scheduler.SchedulerInstanceId) == 1,
                "the instance checks in to the cluster");

            var due = time.GetUtcNow().AddHours(1);
            using (var scheduleLimit = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                await scheduler.ScheduleJob(TriggerBuilder.Create(time).WithIdentity("reminder", "cluster-tests").ForJob(Job).StartAt(due).Build(), new ScheduleJobOptions(), scheduleLimit.Token);
            }

            Assert.That(fired.Runs, Is.Empty, "nothing fires before its time");
            time.Advance(TimeSpan.FromHours(1));
            await Eventually.ThatAsync(() => fired.Runs.Count == 1, "the trigger fires at its time", detail: () => Describe(fired));
            Assert.That(fired.Runs.Single().Scheduled, Is.EqualTo(due));
            using var stopLimit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await host.StopAsync(stopLimit.Token);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await server.DropDatabaseAsync(cs);
        }
    }

    [Test]
    public async Task TwoInstancesStartingTogether_DeclareOneTrigger_AndItFiresOncePerDueTime([Values(0, 1, 2)] int iteration)
    {
        var server = await PostgresServer.GetAsync();
        var cs = await server.CreateDatabaseAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero));
        var fired = new Fired();
        var hourly = new DeclaredTrigger.Cron(new TriggerKey("hourly", "cluster-tests"), Job, "0 0 * * * ?", TimeZoneInfo.Utc);
        var hosts = new[] { BuildHost(cs, time, fired, hourly), BuildHost(cs, time, fired, hourly) };
        try
        {
            // Quartz inserts its lock rows the first time it takes each lock; the instance that loses that race waits a
            // retry period on the app's clock, which this fake clock never moves (real instances wait a second). So the
            // schema and its lock rows are made first, as one earlier start would have; the start itself stays a race.
            var name = (await hosts[0].Services.GetRequiredService<ISchedulerFactory>().GetScheduler()).SchedulerName;
            await using (var connection = new NpgsqlConnection(cs))
            {
                await connection.ExecuteAsync(
                    "INSERT INTO qrtz_locks (sched_name, lock_name) VALUES (@name, 'TRIGGER_ACCESS'), (@name, 'STATE_ACCESS') ON CONFLICT DO NOTHING",
                    new { name });
            }

            using (var startLimit = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                await Task.WhenAll(hosts.Select(h => Task.Run(() => h.StartAsync(startLimit.Token))));
            }

            Assert.That(await ScalarAsync<long>(cs, "SELECT COUNT(*) FROM qrtz_triggers WHERE trigger_name = @id", "hourly"), Is.EqualTo(1));
            var scheduler = await hosts[0].Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            Assert.That((await scheduler.GetTrigger(hourly.Key))!.NextFireTimeUtc, Is.EqualTo(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero)));

            time.Advance(TimeSpan.FromMinutes(30));
            await Eventually.ThatAsync(() => fired.Runs.Count >= 1, "10:00 fires", TimeSpan.FromSeconds(60), () => Describe(fired));
            time.Advance(TimeSpan.FromHours(1));
            await Eventually.ThatAsync(() => fired.Runs.Count >= 2, "11:00 fires", TimeSpan.FromSeconds(60), () => Describe(fired));
            Assert.That(fired.Runs.Select(r => r.Scheduled), Is.EqualTo(new DateTimeOffset?[] { time.GetUtcNow().AddHours(-1), time.GetUtcNow() }), Describe(fired));

            // A third instance starting later finds the trigger unchanged and leaves its next fire time alone.
            using var late = BuildHost(cs, time, fired, hourly);
            using (var startLimit = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                await late.StartAsync(startLimit.Token);
            }

            Assert.That((await scheduler.GetTrigger(hourly.Key))!.NextFireTimeUtc, Is.EqualTo(time.GetUtcNow().AddHours(1)));
            Assert.That(fired.Runs, Has.Count.EqualTo(2), Describe(fired));
            using var lateStop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await late.StopAsync(lateStop.Token);
        }
        finally
        {
            using var stopLimit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await Task.WhenAll(hosts.Select(async h =>
            {
                try
                {
                    await h.StopAsync(stopLimit.Token);
                }
                finally
                {
                    h.Dispose();
                }
            }));
            NpgsqlConnection.ClearAllPools();
            await server.DropDatabaseAsync(cs);
        }
    }

    [Test]
    public async Task AnInstanceStoppedGracefully_LeavesTheCluster()
    {
        var server = await PostgresServer.GetAsync();
        var cs = await server.CreateDatabaseAsync();
        try
        {
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
            using var host = BuildHost(cs, time, new Fired());
            using (var startLimit = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                await host.StartAsync(startLimit.Token);
            }

            var id = (await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler()).SchedulerInstanceId;
            await Eventually.ThatAsync(
                async () => await ScalarAsync<long>(cs, "SELECT COUNT(*) FROM qrtz_scheduler_state WHERE instance_name = @id", id) == 1,
                "the instance checks in");
            using (var stopLimit = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                await host.StopAsync(stopLimit.Token);
            }

            Assert.That(await ScalarAsync<long>(cs, "SELECT COUNT(*) FROM qrtz_scheduler_state WHERE instance_name = @id", id), Is.Zero,
                "no other instance waits for it to miss its check-ins before taking its work over");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await server.DropDatabaseAsync(cs);
        }
    }

    private static string Describe(Fired fired) => "runs: " + string.Join(", ", fired.Runs.Select(r => $"{r.Scheduled:HH:mm:ss} on {r.Instance}"));

    private static async Task<T> ScalarAsync<T>(string cs, string sql, string id)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        try
        {
            return (T)(await command.ExecuteScalarAsync())!;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return default!;
        }
    }
}
