namespace SlackFeedbackBot.Slack.Transports.SocketMode;

/// <summary>
/// Exponential backoff with jitter: the n-th consecutive failure waits between half and all of base * 2^(n-1),
/// capped; the jitter keeps several connections (or several bots) from reconnecting in lockstep.
/// </summary>
public sealed class ReconnectBackoff(TimeSpan baseDelay, TimeSpan maxDelay, Func<double> random)
{
    public TimeSpan DelayFor(int consecutiveFailures)
    {
        if (consecutiveFailures <= 0)
        {
            return TimeSpan.Zero;
        }

        var exponent = Math.Min(consecutiveFailures - 1, 30);
        var ceiling = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ceiling / 2 + ceiling / 2 * random());
    }
}
