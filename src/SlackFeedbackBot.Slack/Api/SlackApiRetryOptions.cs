namespace SlackFeedbackBot.Slack.Api;

/// <summary>How the Web API client rides out rate limits and transient failures (section <c>Slack:Retry</c>).</summary>
public sealed class SlackApiRetryOptions
{
    public const string Section = "Slack:Retry";

    /// <summary>Retries after HTTP 429, each waiting the Retry-After Slack sent.</summary>
    public int RateLimitMaxRetries { get; set; } = 5;

    /// <summary>The wait after a 429 that carries no usable Retry-After header.</summary>
    public TimeSpan DefaultRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound on one Retry-After wait, so a bogus header cannot park a call for hours.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries after network errors, timeouts and HTTP 5xx.</summary>
    public int TransientMaxRetries { get; set; } = 3;

    /// <summary>First backoff after a transient failure; later ones grow exponentially, with jitter.</summary>
    public TimeSpan TransientBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan TransientMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one HTTP attempt may take before it counts as a transient failure.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Spacing of chat.postMessage per channel (section <c>Slack:PostPacing</c>); Slack allows about one message per second per channel.</summary>
public sealed class SlackPostPacingOptions
{
    public const string Section = "Slack:PostPacing";

    public TimeSpan IntervalPerChannel { get; set; } = TimeSpan.FromSeconds(1);
}
