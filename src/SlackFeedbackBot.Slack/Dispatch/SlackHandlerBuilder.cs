using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SlackFeedbackBot.Slack.Dispatch;

/// <summary>Registers handlers, one line each: <c>slack.AddSlashCommand&lt;FeedbackCommand&gt;("/feedback")</c>.</summary>
public sealed class SlackHandlerBuilder(IServiceCollection services, SlackHandlerRegistry registry)
{
    public IServiceCollection Services { get; } = services;

    public SlackHandlerBuilder AddSlashCommand<T>(string command)
        where T : class, ISlashCommandHandler => Add<T>(() => registry.AddCommand(command, typeof(T)));

    public SlackHandlerBuilder AddEventHandler<T>(string eventType)
        where T : class, IEventHandler => Add<T>(() => registry.AddEvent(eventType, typeof(T)));

    public SlackHandlerBuilder AddMessageShortcut<T>(string callbackId)
        where T : class, IMessageShortcutHandler => Add<T>(() => registry.AddMessageShortcut(callbackId, typeof(T)));

    public SlackHandlerBuilder AddGlobalShortcut<T>(string callbackId)
        where T : class, IGlobalShortcutHandler => Add<T>(() => registry.AddGlobalShortcut(callbackId, typeof(T)));

    public SlackHandlerBuilder AddBlockAction<T>(string actionId)
        where T : class, IBlockActionHandler => Add<T>(() => registry.AddBlockAction(actionId, typeof(T)));

    public SlackHandlerBuilder AddViewSubmission<T>(string callbackId)
        where T : class, IViewSubmissionHandler => Add<T>(() => registry.AddViewSubmission(callbackId, typeof(T)));

    /// <summary>Adds a middleware step after those already registered (the built-in ones come first).</summary>
    public SlackHandlerBuilder UseMiddleware<T>()
        where T : class, ISlackMiddleware
    {
        Services.AddSingleton<ISlackMiddleware, T>();
        return this;
    }

    private SlackHandlerBuilder Add<T>(Action register)
        where T : class
    {
        register();
        Services.TryAddScoped<T>();
        return this;
    }
}
