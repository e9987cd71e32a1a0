using Dapper;
using Quartz;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Scheduling;

/// <summary>
/// How a clustered instance leaves on a graceful stop: its scheduler goes to standby as the host begins to stop (no
/// trigger is taken after that, so the instances that stay fire what comes due), Quartz's hosted service then shuts it
/// down waiting for the jobs running here, and last its check-in row goes, so the others do not wait for it to miss
/// its check-ins first. Registered before Quartz's hosted service, so it stops after it.
/// </summary>
internal sealed class ClusterDeparture(ISchedulerFactory schedulers, Database postgres, ILogger<ClusterDeparture> log) : IHostedLifecycleService
{
    private string? _instanceId;
    private string? _schedulerName;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        try
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            _instanceId = scheduler.SchedulerInstanceId;
            _schedulerName = scheduler.SchedulerName;
            await scheduler.Standby(cancellationToken);
        }
        catch (SchedulerException ex)
        {
            // Never started, or shut down already: there is nothing to stop taking.
            log.LogDebug(ex, "The scheduler could not go to standby");
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_instanceId is null)
        {
            return;
        }

        try
        {
            await using var connection = postgres.Open();
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM qrtz_scheduler_state WHERE sched_name = @name AND instance_name = @id",
                new { name = _schedulerName, id = _instanceId },
                cancellationToken: cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning(ex, "Could not remove this instance's cluster check-in; the others take it for gone after the check-in grace");
        }
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
