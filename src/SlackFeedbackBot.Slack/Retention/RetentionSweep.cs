using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SlackFeedbackBot.Slack.Retention;

/// <summary>
/// The one sweep over everything that is kept only for a while: once at start, then every <see cref="Interval"/> on the
/// app's clock. A purge that fails is logged and tried again on the next round; the others still run.
/// </summary>
public sealed class RetentionSweep(IEnumerable<IRetentionPurge> purges, TimeProvider time, ILogger<RetentionSweep> log) : BackgroundService
{
    /// <summary>Retentions are days long: an hour late costs nothing, and each round is a few indexed deletes.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>Runs every purge once; returns the rows each removed, by <see cref="IRetentionPurge.What"/>.</summary>
    public async Task<IReadOnlyDictionary<string, int>> RunOnceAsync(CancellationToken ct)
    {
        var removed = new Dictionary<string, int>();
        var now = time.GetUtcNow();
        foreach (var purge in purges)
        {
            try
            {
                var count = await purge.PurgeAsync(now, ct);
                removed[purge.What] = count;
                if (count > 0)
                {
                    log.LogInformation("Retention: removed {Count} {What}", count, purge.What);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "Retention: could not remove old {What}; trying again in {Interval}", purge.What, Interval);
            }
        }

        return removed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                await RunOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
