using Microsoft.Extensions.Logging;

namespace SlackFeedbackBot.Slack.Dispatch.Middleware;

/// <summary>
/// Logs a failing request once, with its stack, and lets the exception go on: the inbox marks the request failed
/// and retries it, or parks it after the last attempt (or at once when its payload cannot be read).
/// </summary>
public sealed partial class CatchFailuresMiddleware(ILogger<CatchFailuresMiddleware> log) : ISlackMiddleware
{
    public async Task InvokeAsync(SlackRequestContext context, Func<Task> next)
    {
        try
        {
            await next();
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogFailed(log, ex, context.Kind.ToString(), context.Id, context.Handler ?? "-");
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Kind} {Id} failed in handler {Handler}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string kind, string id, string handler);
}
