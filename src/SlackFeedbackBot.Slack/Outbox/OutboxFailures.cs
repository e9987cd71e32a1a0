using System.Text.Json;
using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Slack.Outbox;

/// <summary>What a failed attempt means for its task.</summary>
public enum OutboxFailureKind
{
    /// <summary>Slack asked to wait (HTTP 429): try again after its Retry-After.</summary>
    RateLimited,

    /// <summary>Network, timeout, 5xx, Slack's own internal errors: try again with backoff.</summary>
    Transient,

    /// <summary>Slack will never accept this request as it is: stop.</summary>
    Permanent,
}

/// <summary>
/// Sorts failures by <see cref="SlackErrorCodes"/>: an answer about the request itself cannot succeed when sent again;
/// a failure that says nothing about the request is retried, as is any other exception, which may be the database or
/// a bug fixed by the next release.
/// </summary>
public static class OutboxFailures
{

    public static OutboxFailureKind Classify(Exception exception) => exception switch
    {
        SlackApiException { ErrorCode: "ratelimited" } => OutboxFailureKind.RateLimited,
        SlackApiException slack when SlackErrorCodes.SaysSlackIsUnavailable(slack.ErrorCode) => OutboxFailureKind.Transient,
        SlackApiException slack when SlackErrorCodes.Permanent.Contains(slack.ErrorCode) => OutboxFailureKind.Permanent,

        // Any other ok:false is Slack's answer about this request; asking again gets the same answer.
        SlackApiException => OutboxFailureKind.Permanent,

        // A payload that cannot be read never will be.
        JsonException or FormatException or ArgumentException => OutboxFailureKind.Permanent,
        _ => OutboxFailureKind.Transient,
    };

    /// <summary>What to store as the last error: Slack's code, or the exception's type (messages may carry secrets).</summary>
    public static string Describe(Exception exception) => exception switch
    {
        SlackApiException slack => $"{slack.Method}: {slack.ErrorCode}",
        _ => exception.GetType().Name,
    };
}
