using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace SlackFeedbackBot.Slack.Dispatch.Middleware;

/// <summary>One Debug line per request: its kind, id, handler, how long it took and how it ended.</summary>
public sealed partial class LogRequestsMiddleware(TimeProvider time, ILogger<LogRequestsMiddleware> log) : ISlackMiddleware
{
    public async Task InvokeAsync(SlackRequestContext context, Func<Task> next)
    {
        var started = time.GetTimestamp();
        var outcome = "";
        try
        {
            await next();
            outcome = context.Outcome == SlackRequestOutcome.Ignored ? $"ignored ({context.IgnoredBecause})" : "handled";
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            outcome = "cancelled";
            throw;
        }
        catch
        {
            outcome = "failed";
            throw;
        }
        finally
        {
            if (log.IsEnabled(LogLevel.Debug))
            {
                LogRequest(log, context.Kind.ToString(), context.Id, KeyOf(context), context.Handler ?? "-", time.GetElapsedTime(started).TotalMilliseconds, outcome);
            }
        }
    }

    // The line is written for payloads that could not be read as well.
    private static string KeyOf(SlackRequestContext context)
    {
        try
        {
            return context.HandlerKey;
        }
        catch (JsonException)
        {
            return "(unreadable payload)";
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack {Kind} {Id} for '{Key}', handler {Handler}: {Outcome} in {DurationMs:0.#} ms")]
    private static partial void LogRequest(ILogger logger, string kind, string id, string key, string handler, double durationMs, string outcome);
}
