using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Hosting;
using SlackFeedbackBot.Slack.Leases;
using SlackFeedbackBot.Slack.Retention;

namespace SlackFeedbackBot.Slack.Outbox;

public static class SlackOutboxServiceCollectionExtensions
{
    /// <summary>
    /// The outbox in the given SQLite database: <see cref="ISlackOutbox"/> to enqueue, the drainer as a hosted service, and
    /// the built-in effects (<see cref="SlackEffects"/>). Expects <see cref="ISlackApiClient"/> to be registered.
    /// </summary>
    public static IServiceCollection AddSlackOutbox(this IServiceCollection services, Func<IServiceProvider, string> connectionString) =>
        services.AddSlackOutbox(SlackStorage.Sqlite(connectionString));

    /// <summary>The outbox in the storage the host names: a SQLite file of its own, or a PostgreSQL database instances share.</summary>
    public static IServiceCollection AddSlackOutbox(this IServiceCollection services, SlackStorage storage)
    {
        if (services.Any(d => d.ServiceType == typeof(IOutboxStore)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new OutboxClock(sp.GetRequiredService<TimeProvider>()));
        services.AddOptions<SlackOutboxOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOutboxOptions>, SlackOutboxOptionsValidator>());
        services.AddOptions<SlackPostPacingOptions>();
        services.TryAddSingleton<ChannelPostPacer>();
        if (storage.Provider == SlackStorageProvider.Postgres)
        {
            services.TryAddSingleton(sp => LeaseHolder.From(sp.GetRequiredService<IOptions<SlackOptions>>().Value));
            services.AddSingleton<IOutboxStore>(sp => new PostgresSlackOutbox(
                storage.ConnectionString(sp), sp.GetRequiredService<LeaseHolder>(), sp.GetRequiredService<OutboxClock>(), sp.GetRequiredService<ILogger<PostgresSlackOutbox>>()));
        }
        else
        {
            services.AddSingleton(sp => new SqliteSlackOutbox(storage.ConnectionString(sp), sp.GetRequiredService<OutboxClock>()));
            services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<SqliteSlackOutbox>());
        }

        services.TryAddSingleton<ISlackOutbox>(sp => sp.GetRequiredService<IOutboxStore>());
        services.AddOutboxTaskHandler<PostEffect>();
        services.AddOutboxTaskHandler<EphemeralEffect>();
        services.AddOutboxTaskHandler<DirectMessageEffect>();
        services.AddOutboxTaskHandler<ReactionEffect>();
        services.AddOutboxTaskHandler<UpdateEffect>();
        services.AddOutboxTaskHandler<RespondEffect>();
        services.AddMetrics();
        services.TryAddSingleton<SlackOutboxMetrics>();
        services.AddSingleton<SlackOutboxDrainer>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackOutboxDrainer>());
        services.AddRetentionPurge<OutboxRetention>();
        return services;
    }

    /// <summary>Registers a feature's own task kind: one line, <c>services.AddOutboxTaskHandler&lt;StorePermalink&gt;()</c>.</summary>
    public static IServiceCollection AddOutboxTaskHandler<THandler>(this IServiceCollection services)
        where THandler : class, IOutboxTaskHandler
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboxTaskHandler, THandler>());
        return services;
    }
}
