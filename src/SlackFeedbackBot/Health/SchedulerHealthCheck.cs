using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;
using SlackFeedbackBot.Scheduling;

namespace SlackFeedbackBot.Health;

/// <summary>
/// Reminders and digests fire only while Quartz runs and keeps up: degraded until the hosted service has started it;
/// unhealthy when it is in standby or shut down; degraded, with the count, when triggers are overdue by more than <see cref="OverdueAfter"/>
/// (the scheduler has stopped firing: its threads are stuck or its store refuses it), unhealthy past
/// <see cref="StalledAfter"/>.
/// </summary>
public sealed class SchedulerHealthCheck(ISchedulerFactory schedulers, TimeProvider time) : IHealthCheck
{
    // Three misfire thresholds: a trigger is a threshold late before it counts as misfired, and the misfire handler
    // sweeps once a threshold, so less than this would report ordinary catching up as a stall.
    public static readonly TimeSpan OverdueAfter = 3 * SchedulingServiceCollectionExtensions.MisfireThreshold;
    public static readonly TimeSpan StalledAfter = 2 * OverdueAfter;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var status = await scheduler.GetStatus(cancellationToken);
        if (status == SchedulerStatus.Created)
        {
            // The hosted service starts it once the application has started: a moment, not a failure.
            return HealthCheckResult.Degraded("The scheduler has not started yet.", data: new Dictionary<string, object> { ["status"] = status.ToString() });
        }

        var stopped = status switch
        {
            SchedulerStatus.Running => null,
            SchedulerStatus.Standby => "is in standby",
            SchedulerStatus.ShuttingDown or SchedulerStatus.Shutdown => "is shut down",
            _ => $"is in state {status}",
        };
        if (stopped is not null)
        {
            return HealthCheckResult.Unhealthy($"The scheduler {stopped}: no reminder or digest will be sent.",
                data: new Dictionary<string, object> { ["status"] = status.ToString() });
        }

        var now = time.GetUtcNow();
        var overdue = await CountDueBeforeAsync(scheduler, now - OverdueAfter, cancellationToken);
        var data = new Dictionary<string, object> { ["overdue_triggers"] = overdue };
        if (overdue == 0)
        {
            return HealthCheckResult.Healthy("The scheduler is running and keeping up.", data);
        }

        var stalled = await CountDueBeforeAsync(scheduler, now - StalledAfter, cancellationToken);
        data["stalled_triggers"] = stalled;
        return stalled > 0
            ? HealthCheckResult.Unhealthy($"{stalled} triggers should have fired more than {StalledAfter.TotalMinutes:0.#} minutes ago: the scheduler is not firing.", data: data)
            : HealthCheckResult.Degraded($"{overdue} triggers should have fired more than {OverdueAfter.TotalSeconds:0} seconds ago: the scheduler is falling behind.", data: data);
    }

    private const int CountAtMost = 1000;

    // Triggers whose next fire time has passed, whatever the scheduler is doing with them (waiting for a thread, held
    // by a running job, failed), except those someone paused on purpose. The store answers from its next-fire index.
    private static async Task<int> CountDueBeforeAsync(IScheduler scheduler, DateTimeOffset cutoff, CancellationToken ct)
    {
        var page = await scheduler.QueryTriggers(new TriggerQuery { NextFireTimeBefore = cutoff, Take = CountAtMost }, ct);
        return page.Items.Count(t => t.State is not (TriggerState.Paused or TriggerState.Awaiting or TriggerState.Complete));
    }
}
