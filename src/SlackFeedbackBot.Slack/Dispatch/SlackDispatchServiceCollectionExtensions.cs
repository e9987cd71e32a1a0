using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SlackFeedbackBot.Slack.Dispatch.Middleware;

namespace SlackFeedbackBot.Slack.Dispatch;

public static class SlackDispatchServiceCollectionExtensions
{
    /// <summary>
    /// The dispatcher, its handler registry and the built-in middleware, registered in the order they run: log, catch,
    /// ignore the bot's own events, authorize the workspace. Middleware added later (<see cref="SlackHandlerBuilder.UseMiddleware{T}"/>)
    /// runs after these, so it only sees requests from this workspace. Returns the builder handlers are registered on.
    /// </summary>
    public static SlackHandlerBuilder AddSlackDispatcher(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        var registry = new SlackHandlerRegistry();
        services.AddSingleton(registry);
        services.AddSingleton<SlackBotIdentity>();
        services.AddSingleton<SlashCommandReplies>();
        services.AddSingleton<SlackDispatcher>();
        services.AddMetrics();
        services.TryAddSingleton<SlackDispatchMetrics>();
        services.AddSingleton<ISlackMiddleware, LogRequestsMiddleware>();
        services.AddSingleton<ISlackMiddleware, CatchFailuresMiddleware>();
        services.AddSingleton<ISlackMiddleware, IgnoreSelfMiddleware>();
        services.AddSingleton<ISlackMiddleware, AuthorizeWorkspaceMiddleware>();
        return new SlackHandlerBuilder(services, registry);
    }
}
