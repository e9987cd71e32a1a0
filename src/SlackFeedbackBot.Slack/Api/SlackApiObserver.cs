namespace SlackFeedbackBot.Slack.Api;

/// <summary>
/// What this process's Web API calls say about reaching Slack: when Slack last answered a call, and when a call last got
/// no usable answer (a network error, a timeout, HTTP 5xx, or a token Slack refuses). <see cref="SlackApiClient"/>
/// reports every call here, so the calls the bot makes anyway are evidence as fresh as they come.
/// </summary>
public sealed class SlackApiObserver(TimeProvider time)
{
    // Slack answers these when the token itself is the problem: Slack is up, but it will not serve this bot.
    private static readonly HashSet<string> TokenRefusals = new(StringComparer.Ordinal)
    {
        "not_authed", "invalid_auth", "account_inactive", "token_revoked", "token_expired",
    };

    private volatile SlackCallOutcome? _lastAnswered;
    private volatile SlackCallOutcome? _lastFailed;
    private volatile SlackCallOutcome? _latest;

    /// <summary>The latest call Slack answered (an <c>ok:false</c> answer such as channel_not_found counts: Slack is there).</summary>
    public SlackCallOutcome? LastAnswered => _lastAnswered;

    /// <summary>The latest call that got no usable answer.</summary>
    public SlackCallOutcome? LastFailed => _lastFailed;

    /// <summary>Whichever of the two happened last.</summary>
    public SlackCallOutcome? Latest => _latest;

    public static bool IsTokenRefusal(string error) => TokenRefusals.Contains(error);

    public void Answered(string method)
    {
        var outcome = new SlackCallOutcome(time.GetUtcNow(), method, null);
        _lastAnswered = outcome;
        _latest = outcome;
    }

    public void Failed(string method, string error)
    {
        var outcome = new SlackCallOutcome(time.GetUtcNow(), method, error);
        _lastFailed = outcome;
        _latest = outcome;
    }
}

/// <param name="Error">Null when Slack answered; otherwise why not, e.g. network_error, http_5xx, invalid_auth.</param>
public sealed record SlackCallOutcome(DateTimeOffset At, string Method, string? Error)
{
    public bool WasAnswered => Error is null;
}
