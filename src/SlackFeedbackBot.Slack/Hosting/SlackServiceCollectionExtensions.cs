using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Configuration;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Inbox;
using SlackFeedbackBot.Slack.Leases;
using SlackFeedbackBot.Slack.Outbox;
using SlackFeedbackBot.Slack.Retention;
using SlackFeedbackBot.Slack.Transports;
using SlackFeedbackBot.Slack.Verification;

namespace SlackFeedbackBot.Slack.Hosting;

public static class SlackServiceCollectionExtensions
{
    /// <summary>
    /// The Slack layer: options (section <c>Slack</c> with <c>SocketMode</c>, <c>Retry</c>, <c>PostPacing</c> and <c>Outbox</c>,
    /// validated at start; durations read by <see cref="Duration"/>), the Web API client, the durable inbox and outbox
    /// in the given SQLite database, the dispatcher and the transport chosen by <c>Slack:Mode</c>.
    /// Returns the builder on which handlers are registered, one line each.
    /// </summary>
    public static SlackHandlerBuilder AddSlack(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, string> inboxConnectionString) =>
        services.AddSlack(configuration, SlackStorage.Sqlite(inboxConnectionString));

    /// <summary>
    /// The same, with the inbox and outbox in the storage the host names: a SQLite file one instance owns (as above), or a
    /// PostgreSQL database several instances share, each request and task held by one instance under a lease.
    /// </summary>
    public static SlackHandlerBuilder AddSlack(this IServiceCollection services, IConfiguration configuration, SlackStorage storage)
    {
        DurationConverter.Register();
        services.AddOptions<SlackOptions>()
            .Bind(configuration.GetSection(SlackOptions.Section))
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSlackApiClient();
        services.AddOptions<SlackApiRetryOptions>().Bind(configuration.GetSection(SlackApiRetryOptions.Section));
        services.AddOptions<SlackPostPacingOptions>().Bind(configuration.GetSection(SlackPostPacingOptions.Section));
        services.AddSlackOutbox(storage);
        services.AddOptions<SlackOutboxOptions>().Bind(configuration.GetSection(SlackOutboxOptions.Section));
        services.AddSlackRequestVerifier();
        services.AddSlackTransports();

        services.AddMetrics();
        services.TryAddSingleton<SlackInboxMetrics>();
        var handlers = services.AddSlackDispatcher();
        if (storage.Provider == SlackStorageProvider.Postgres)
        {
            services.TryAddSingleton(sp => LeaseHolder.From(sp.GetRequiredService<IOptions<SlackOptions>>().Value));
            services.AddSingleton<ISlackInbox>(sp => new PostgresSlackInbox(
                storage.ConnectionString(sp),
                sp.GetRequiredService<LeaseHolder>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<PostgresSlackInbox>>(),
                parkedRetention: sp.GetRequiredService<IOptions<SlackOptions>>().Value.ParkedRetention));
        }
        else
        {
            services.AddSingleton<ISlackInbox>(sp => new SqliteSlackInbox(
                storage.ConnectionString(sp),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<SqliteSlackInbox>>(),
                parkedRetention: sp.GetRequiredService<IOptions<SlackOptions>>().Value.ParkedRetention,
                metrics: sp.GetRequiredService<SlackInboxMetrics>()));
        }

        services.AddSingleton<SlackInboxProcessor>();
        services.AddSingleton<ISlackInboundSink>(sp => sp.GetRequiredService<SlackInboxProcessor>());
        services.AddHostedService(sp => sp.GetRequiredService<SlackInboxProcessor>());
        services.AddRetentionSweep();
        services.AddRetentionPurge<InboxRetention>();
        return handlers;
    }
}
