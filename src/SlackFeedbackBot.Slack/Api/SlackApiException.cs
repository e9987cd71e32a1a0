namespace SlackFeedbackBot.Slack.Api;

/// <summary>Slack answered <c>ok:false</c> (or a method could not be reached); <see cref="ErrorCode"/> is Slack's error code.</summary>
public sealed class SlackApiException(string method, string errorCode, string? detail = null, Exception? inner = null)
    : Exception($"Slack {method} failed: {errorCode}{(detail is null ? "" : " (" + detail + ")")}", inner)
{
    public string Method { get; } = method;
    public string ErrorCode { get; } = errorCode;

    /// <summary>For a rate-limited call (HTTP 429): the wait Slack asked for in Retry-After, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
