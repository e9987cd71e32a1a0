using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Retention;

namespace SlackFeedbackBot.Slack.Outbox;

public static class SlackOutboxServiceCollectionExtensions
{
    /// <summary>
    /// The outbox in the given SQLite database: <see cref="ISlackOutbox"/> to enqueue, the drainer as a hosted service, and
    /// the built-in effects (<see cref="SlackEffects"/>). Expects <see cref="ISlackApiClient"/> to be registered.
    /// </summary>
    public static IServiceCollection AddSlackOutbox(this IServiceCollection services, Func<IServiceProvider, string> connectionString)
    {
        if (services.Any(d => d.ServiceType == typeof(SqliteSlackOutbox)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new OutboxClock(sp.GetRequiredService<TimeProvider>()));
        services.AddOptions<SlackOutboxOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOutboxOptions>, SlackOutboxOptionsValidator>());
        services.AddOptions<SlackPostPacingOptions>();
        services.TryAddSingleton<ChannelPostPacer>();
        services.AddSingleton(sp => new SqliteSlackOutbox(connectionString(sp), sp.GetRequiredService<OutboxClock>()));
        services.TryAddSingleton<ISlackOutbox>(sp => sp.GetRequiredService<SqliteSlackOutbox>());
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
