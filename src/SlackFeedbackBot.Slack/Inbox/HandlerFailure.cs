using System.Text.Json;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;

namespace SlackFeedbackBot.Slack.Inbox;

/// <summary>
/// Tells a failure that will happen again on every attempt (the payload cannot be read, or Slack refuses what it names)
/// from one that may pass (a timeout, a busy database, Slack unavailable): only the second kind is worth a retry.
/// </summary>
public static class HandlerFailure
{

    public static bool IsPermanent(Exception ex) => ex switch
    {
        UnhandleableRequestException or JsonException or ArgumentException => true,
        SlackApiException slack => SlackErrorCodes.Permanent.Contains(slack.ErrorCode),
        AggregateException { InnerExceptions.Count: > 0 } many => many.InnerExceptions.All(IsPermanent),
        _ => false,
    };

    /// <summary>
    /// Slack could not be reached or was down (network, timeout, HTTP 5xx, its own internal errors): the request is
    /// fine and waits for Slack, however long an outage lasts, rather than being parked after a few quick attempts.
    /// </summary>
    public static bool IsWaitingForSlack(Exception ex) => ex switch
    {
        SlackApiException slack => SlackErrorCodes.SaysSlackIsUnavailable(slack.ErrorCode),
        AggregateException { InnerExceptions.Count: > 0 } many => many.InnerExceptions.All(IsWaitingForSlack),
        _ => false,
    };

    public static string Describe(Exception ex) => ex is SlackApiException slack
        ? $"{slack.Method}: {slack.ErrorCode}"
        : $"{ex.GetType().Name}: {ex.Message}";
}
