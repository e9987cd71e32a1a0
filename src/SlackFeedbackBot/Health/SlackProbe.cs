using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Health;

/// <summary>
/// Asks Slack who we are (auth.test) every <see cref="Interval"/>, so an outage and the end of one show in the Slack
/// health check within seconds even while the bot itself has nothing to send. The client reports each outcome to
/// <see cref="SlackApiObserver"/>; a probe that gets no answer within <see cref="Timeout"/> is reported here.
/// </summary>
public sealed class SlackProbe(ISlackApiClient api, SlackApiObserver observer, TimeProvider time, ILogger<SlackProbe> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(4);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(Interval, time);
        do
        {
            await ProbeAsync(stoppingToken);
        }
        while (await ticks.WaitForNextTickAsync(stoppingToken));
    }

    private async Task ProbeAsync(CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            await api.AuthTestAsync(linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            observer.Failed("auth.test", "timed_out");
        }
        catch (SlackApiException ex)
        {
            // Already reported by the client; the health check says what it means.
            log.LogDebug("The Slack probe got {Error}", ex.ErrorCode);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A probe must never stop the host; the next tick tries again.
            log.LogWarning("The Slack probe failed: {Failure}", ex.GetType().Name);
        }
    }
}
