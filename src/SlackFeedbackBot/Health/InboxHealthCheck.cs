using Microsoft.Extensions.Diagnostics.HealthChecks;
using SlackFeedbackBot.Slack.Inbox;

namespace SlackFeedbackBot.Health;

/// <summary>Unhealthy when requests wait too long to be handled (the bot stopped working through its inbox);
/// degraded while parked requests wait for an operator.</summary>
public sealed class InboxHealthCheck(ISlackInbox inbox, TimeProvider time) : IHealthCheck
{
    public static readonly TimeSpan StuckAfter = TimeSpan.FromMinutes(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var stats = await inbox.GetStatsAsync(cancellationToken);
        var data = new Dictionary<string, object>
        {
            ["pending"] = stats.Pending,
            ["parked"] = stats.Parked,
        };
        if (stats.OldestPendingReceivedAt is { } oldest && time.GetUtcNow() - oldest > StuckAfter)
        {
            return HealthCheckResult.Unhealthy($"The oldest of {stats.Pending} pending Slack requests has waited since {oldest:u}: handlers are not keeping up or are stuck.", data: data);
        }

        if (stats.Parked > 0)
        {
            data["last_error"] = stats.LastParkedError ?? "";
            return HealthCheckResult.Degraded($"{stats.Parked} Slack requests failed every attempt and are parked (last error: {stats.LastParkedError}).", data: data);
        }

        return HealthCheckResult.Healthy($"{stats.Pending} pending", data);
    }
}
