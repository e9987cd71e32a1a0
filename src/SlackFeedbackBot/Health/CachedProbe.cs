using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SlackFeedbackBot.Health;

/// <summary>Runs one probe at a time and hands its result to every caller for a while after.</summary>
internal sealed class CachedProbe(TimeProvider time, TimeSpan cacheFor)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTimeOffset At, HealthCheckResult Result)? _last;

    public async Task<HealthCheckResult> GetAsync(Func<CancellationToken, Task<HealthCheckResult>> probe, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_last is { } last && time.GetUtcNow() - last.At < cacheFor)
            {
                return last.Result;
            }

            var result = await probe(ct);
            _last = (time.GetUtcNow(), result);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }
}
