namespace SlackFeedbackBot.Slack.Dispatch;

/// <summary>
/// One step every request passes on its way to its handler, whatever its kind. A step calls <paramref name="next"/>
/// to let the request go on, or returns without it (after <see cref="SlackRequestContext.Ignore"/>) to stop it there.
/// Steps run in the order they are registered; the built-in ones come first (see <c>AddSlackDispatcher</c>).
/// </summary>
public interface ISlackMiddleware
{
    Task InvokeAsync(SlackRequestContext context, Func<Task> next);
}
