using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Inbox;
using SlackFeedbackBot.Slack.Transports;
using SlackFeedbackBot.Slack.Verification;

namespace SlackFeedbackBot.Slack.Hosting;

public static class SlackServiceCollectionExtensions
{
    /// <summary>
    /// The Slack layer: options (section <c>Slack</c>, validated at start), the Web API client, the durable inbox
    /// in the given SQLite database, the dispatcher and the transport chosen by <c>Slack:Mode</c>.
    /// Returns the builder on which handlers are registered, one line each.
    /// </summary>
    public static SlackHandlerBuilder AddSlack(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, string> inboxConnectionString)
    {
        services.AddOptions<SlackOptions>()
            .Bind(configuration.GetSection(SlackOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSlackApiClient();
        services.AddSlackRequestVerifier();
        services.AddSlackTransports();

        var handlers = services.AddSlackDispatcher();
        services.AddSingleton<ISlackInbox>(sp => new SqliteSlackInbox(
            inboxConnectionString(sp),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SqliteSlackInbox>>()));
        services.AddSingleton<SlackInboxProcessor>();
        services.AddSingleton<ISlackInboundSink>(sp => sp.GetRequiredService<SlackInboxProcessor>());
        services.AddHostedService(sp => sp.GetRequiredService<SlackInboxProcessor>());
        return handlers;
    }
}
