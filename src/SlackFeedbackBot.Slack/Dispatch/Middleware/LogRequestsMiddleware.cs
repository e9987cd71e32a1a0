using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace SlackFeedbackBot.Slack.Dispatch.Middleware;

/// <summary>
/// One Debug line per request: its kind, id, handler, how long it took and how it ended; and the same duration on
/// <see cref="SlackDispatchMetrics"/>, both timed on the app's clock.
/// </summary>
public sealed partial class LogRequestsMiddleware(TimeProvider time, ILogger<LogRequestsMiddleware> log, SlackDispatchMetrics? metrics = null) : ISlackMiddleware
{
    public async Task InvokeAsync(SlackRequestContext context, Func<Task> next)
    {
        var started = time.GetTimestamp();
        var outcome = "";
        try
        {
            await next();
            outcome = context.Outcome == SlackRequestOutcome.Ignored ? "ignored" : "handled";
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
            var seconds = time.GetElapsedTime(started).TotalSeconds;
            metrics?.Handled(context.Kind, context.Handler, outcome, seconds);
            if (log.IsEnabled(LogLevel.Debug))
            {
                var described = outcome == "ignored" ? $"ignored ({context.IgnoredBecause})" : outcome;
                LogRequest(log, context.Kind.ToString(), context.Id, KeyOf(context), context.Handler ?? "-", seconds * 1000, described);
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
