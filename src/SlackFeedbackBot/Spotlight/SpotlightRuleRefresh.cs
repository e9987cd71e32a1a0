using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SlackFeedbackBot.Spotlight;

/// <summary>
/// Reads the added rules again every <see cref="Interval"/> on the app's clock, so a rule taken back on the command line
/// (another process) stops classifying in the running bot too. A read whose rules did not change compiles nothing.
/// </summary>
public sealed class SpotlightRuleRefresh(SpotlightRuleSet rules, TimeProvider time, ILogger<SpotlightRuleRefresh> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    rules.Reload();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogWarning(ex, "Could not read the Spotlight rules added in Slack; trying again in {Interval}", Interval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
