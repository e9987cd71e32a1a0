using Microsoft.Extensions.Diagnostics.HealthChecks;
using SlackFeedbackBot.Slack.Transports.SocketMode;

namespace SlackFeedbackBot.Health;

/// <summary>
/// In Socket Mode, unhealthy when the client stopped for good; degraded while no connection is open, since it
/// reconnects by itself once Slack is back.
/// </summary>
public sealed class SocketModeHealthCheck(ISocketModeStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["open_connections"] = status.OpenConnections };
        if (!status.IsEnabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Socket Mode is off (HTTP mode)", data));
        }

        if (status.StoppedReason is { } reason)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"Socket Mode stopped: {reason}", data: data));
        }

        return Task.FromResult(status.OpenConnections > 0
            ? HealthCheckResult.Healthy($"{status.OpenConnections} Socket Mode connections open", data)
            : HealthCheckResult.Degraded("No Socket Mode connection to Slack is open; reconnecting.", data: data));
    }
}
