using Quartz;
using SlackFeedbackBot.Hosting;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>How late a trigger may fire before Quartz treats it as misfired.</summary>
    public static readonly TimeSpan MisfireThreshold = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Quartz on its persistent ADO job store in the bot's own SQLite file, so scheduled reminders and
    /// digests survive restarts. Jobs re-read the database when they fire: Quartz owns when, the database owns what.
    /// </summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        // Quartz takes its connection string now; settings that cannot work are reported by the configuration check.
        var storage = SettingValues.ReadOrDefaults<StorageOptions>(configuration, StorageOptions.Section);
        if (new StorageOptionsValidator().Validate(null, storage).Failed)
        {
            storage = new StorageOptions();
        }

        var database = Database.From(storage);

        // The file must exist in WAL mode before Quartz opens it; hosted services start in registration order.
        services.AddHostedService<DatabaseWarmUp>();
        services.AddMetrics();
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = "slackfeedbackbot");
            q.UsePersistentStore(store =>
            {
                store.UseSqlite(database.ConnectionString);
                store.ProvisionSchema();
                store.UseSystemTextJsonSerializer();
                store.ConfigureStore(o =>
                {
                    o.MisfireThreshold = MisfireThreshold;
                    o.StoreJobDataAsStrings = true;
                });
            });
            q.UseDefaultThreadPool(4);
            q.AddTriggerListener<SchedulerMetrics>([GroupMatcher<TriggerKey>.AnyGroup()]);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    private sealed class DatabaseWarmUp(Database database) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = database.Path;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
