using Microsoft.Extensions.Diagnostics.HealthChecks;
using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Health;

/// <summary>Asks Slack who we are (auth.test), at most once a minute: unhealthy when Slack cannot be reached or refuses the token.</summary>
public sealed class SlackApiHealthCheck(ISlackApiClient api, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTimeOffset At, HealthCheckResult Result)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (_last is { } last && now - last.At < CacheFor)
            {
                return last.Result;
            }

            var result = await ProbeAsync(cancellationToken);
            _last = (now, result);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<HealthCheckResult> ProbeAsync(CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            var me = await api.AuthTestAsync(timeout.Token);
            return HealthCheckResult.Healthy($"Connected to workspace {me.Team ?? me.TeamId} as {me.UserId}");
        }
        catch (SlackApiException ex)
        {
            return HealthCheckResult.Unhealthy($"Slack refused auth.test: {ex.ErrorCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Slack cannot be reached: {ex.Message}");
        }
    }
}
