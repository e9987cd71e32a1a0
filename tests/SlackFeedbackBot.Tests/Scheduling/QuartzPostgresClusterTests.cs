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

    private static IHost BuildHost(string connectionString, TimeProvider time, Fired fired)
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
