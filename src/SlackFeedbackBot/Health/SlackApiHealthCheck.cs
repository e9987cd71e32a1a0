using Microsoft.Extensions.Diagnostics.HealthChecks;
using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Health;

/// <summary>
/// Whether Slack answers, judged from the latest Web API calls (the bot's own and <see cref="SlackProbe"/>'s, every
/// few seconds): degraded when the latest call got no answer or none has been answered for <see cref="StaleAfter"/>,
/// because a Slack outage is Slack's and restarting the bot would not end it; unhealthy when Slack refuses the token.
/// </summary>
public sealed class SlackApiHealthCheck(SlackApiObserver observer, TimeProvider time) : IHealthCheck
{
    public static readonly TimeSpan StaleAfter = 2 * SlackProbe.Interval;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Evaluate());

    private HealthCheckResult Evaluate()
    {
        var answered = observer.LastAnswered;
        var data = new Dictionary<string, object>();
        if (answered is not null)
        {
            data["last_answer_at"] = answered.At.ToString("u");
        }

        if (observer.Latest is not { } latest)
        {
            return HealthCheckResult.Degraded("No call to Slack has finished yet.", data: data);
        }

        if (latest.Error is { } error)
        {
            data["last_failure"] = $"{latest.Method}: {error}";
            return SlackApiObserver.IsTokenRefusal(error)
                ? HealthCheckResult.Unhealthy($"Slack refuses the bot token ({error} on {latest.Method}): check Slack:BotToken.", data: data)
                : HealthCheckResult.Degraded($"Slack cannot be reached: {latest.Method} got {error} at {latest.At:u}.", data: data);
        }

        if (time.GetUtcNow() - latest.At > StaleAfter)
        {
            return HealthCheckResult.Degraded($"Slack has not answered since {latest.At:u}.", data: data);
        }

        return HealthCheckResult.Healthy($"Slack answered {latest.Method} at {latest.At:u}.", data);
    }
}
