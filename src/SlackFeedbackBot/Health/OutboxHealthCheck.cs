using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Outbox;

namespace SlackFeedbackBot.Health;

/// <summary>Degraded when an effect has waited in the outbox longer than <see cref="SlackOutboxOptions.BacklogDegradedAfter"/>
/// (Slack down, rate limited, or a channel's backlog); reports the pending and failed counts either way.</summary>
public sealed class OutboxHealthCheck(ISlackOutbox outbox, OutboxClock clock, IOptions<SlackOutboxOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var backlog = await outbox.BacklogAsync(cancellationToken);
        var data = new Dictionary<string, object>
        {
            ["pending"] = backlog.Pending,
            ["failed"] = backlog.Failed,
        };
        if (backlog.OldestPendingSince is { } oldest)
        {
            var age = clock.Time.GetUtcNow() - oldest;
            data["oldest_pending_seconds"] = (long)Math.Max(0, age.TotalSeconds);
            if (age > options.Value.BacklogDegradedAfter)
            {
                return HealthCheckResult.Degraded($"The oldest of {backlog.Pending} pending Slack effects has waited since {oldest:u} (Slack unreachable, rate limited, or a busy channel).", data: data);
            }
        }

        return HealthCheckResult.Healthy($"{backlog.Pending} pending, {backlog.Failed} failed", data);
    }
}
