using Quartz;
using SlackFeedbackBot.Hosting;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>How late a trigger may fire before Quartz treats it as misfired.</summary>
    public static readonly TimeSpan MisfireThreshold = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Quartz on its persistent ADO job store, so scheduled reminders and digests survive restarts: in the bot's own
    /// SQLite file (one instance), or clustered on PostgreSQL (one or several instances). Jobs re-read the database when
    /// they fire: Quartz owns when, the database owns what.
    /// </summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration) =>
        services.AddScheduling(configuration, ClusterTiming.Default);

    /// <inheritdoc cref="AddScheduling(IServiceCollection, IConfiguration)"/>
    /// <param name="cluster">How often a PostgreSQL instance checks in, and how late before the others take its work over.</param>
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration, ClusterTiming cluster)
    {
        // Quartz takes its connection string now; settings that cannot work are reported by the configuration check.
        var storage = SettingValues.ReadOrDefaults<StorageOptions>(configuration, StorageOptions.Section);
        if (new StorageOptionsValidator().Validate(null, storage).Failed)
        {
            storage = new StorageOptions();
        }

        var database = Database.From(storage);
        var postgres = database.Provider == StorageProvider.Postgres;
        if (!postgres)
        {
            // The file must exist in WAL mode before Quartz opens it; hosted services start in registration order.
            services.AddHostedService<DatabaseWarmUp>();
        }

        services.AddMetrics();
        // Declarations on PostgreSQL take an advisory lock all instances share, on a data source of their own.
        services.AddSingleton(sp => new SchedulerDeclarations(sp.GetRequiredService<ISchedulerFactory>(), postgres ? database : null));
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "slackfeedbackbot";
                if (postgres)
                {
                    o.InstanceId = ClusterInstanceId.ForThisProcess();
                }
            });
            q.UsePersistentStore(store =>
            {
                if (postgres)
                {
                    store.UsePostgres(database.ConnectionString);
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = cluster.CheckinInterval;
                        c.CheckinMisfireThreshold = cluster.CheckinMisfireThreshold;
                    });
                }
                else
                {
                    store.UseSqlite(database.ConnectionString);
                }

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
        if (postgres)
        {
            services.AddHostedService(sp => new ClusterDeparture(sp.GetRequiredService<ISchedulerFactory>(), database, sp.GetRequiredService<ILogger<ClusterDeparture>>()));
        }

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
