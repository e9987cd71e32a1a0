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
        if (status.AppConnections is { } total)
        {
            // Slack's count at the last hello: every copy running with this app token, this one included.
            data["app_connections"] = total;
        }

        if (!status.IsEnabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Socket Mode is off (HTTP mode)", data));
        }

        if (status.StoppedReason is { } reason)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"Socket Mode stopped: {reason}", data: data));
        }

        if (status.OpenConnections > 0 && status.AppConnections > status.OpenConnections)
        {
            return Task.FromResult(HealthCheckResult.Healthy(
                $"{status.OpenConnections} Socket Mode connections open, but Slack counted {status.AppConnections} for this app at the last hello: another copy may take a share of the events", data));
        }

        return Task.FromResult(status.OpenConnections > 0
            ? HealthCheckResult.Healthy($"{status.OpenConnections} Socket Mode connections open", data)
            : HealthCheckResult.Degraded("No Socket Mode connection to Slack is open; reconnecting.", data: data));
    }
}
