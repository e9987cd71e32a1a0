using Microsoft.Extensions.Diagnostics.HealthChecks;
using SlackFeedbackBot.Slack.Inbox;

namespace SlackFeedbackBot.Health;

/// <summary>Unhealthy when requests wait too long to be handled (the bot stopped working through its inbox);
/// degraded while requests parked within Slack:ParkedRetention wait for an operator (older ones age out, and
/// `inbox retry` or `inbox drop` clear them sooner).</summary>
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
            return HealthCheckResult.Degraded($"{stats.Parked} Slack requests failed and are parked (last error: {stats.LastParkedError}); `SlackFeedbackBot inbox parked` lists them, `inbox retry` or `inbox drop` clears them.", data: data);
        }

        return HealthCheckResult.Healthy($"{stats.Pending} pending", data);
    }
}
