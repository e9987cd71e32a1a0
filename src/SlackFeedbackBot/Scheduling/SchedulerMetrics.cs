using System.Diagnostics.Metrics;
using Quartz;

namespace SlackFeedbackBot.Scheduling;

/// <summary>
/// A Quartz trigger listener counting fires and misfires by job (<c>group.name</c> of the durable job: shift-reminder,
/// digest …; never the per-shift trigger, whose names would grow without end), on the meter <see cref="MeterName"/>.
/// </summary>
public sealed class SchedulerMetrics : ITriggerListener
{
    public const string MeterName = "SlackFeedbackBot.Scheduler";

    private readonly Counter<long> _fires;
    private readonly Counter<long> _misfires;

    public SchedulerMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _fires = meter.CreateCounter<long>("slackfeedbackbot.scheduler.fires", "{fire}", "Quartz triggers fired, by job.");
        _misfires = meter.CreateCounter<long>("slackfeedbackbot.scheduler.misfires", "{misfire}", "Quartz triggers that missed their time by more than the misfire threshold (30 s), by job; they fire late on start.");
    }

    public string Name => nameof(SchedulerMetrics);

    public ValueTask TriggerFired(ITrigger trigger, IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        _fires.Add(1, new KeyValuePair<string, object?>("job", trigger.JobKey.ToString()));
        return ValueTask.CompletedTask;
    }

    public ValueTask TriggerMisfired(ITrigger trigger, IScheduler scheduler, CancellationToken cancellationToken = default)
    {
        _misfires.Add(1, new KeyValuePair<string, object?>("job", trigger.JobKey.ToString()));
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> VetoJobExecution(ITrigger trigger, IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(false);

    public ValueTask TriggerComplete(ITrigger trigger, IJobExecutionContext context, SchedulerInstruction triggerInstructionCode, CancellationToken cancellationToken = default) =>
        ValueTask.CompletedTask;

    public ValueTask TriggerRetriesExhausted(ITrigger trigger, IJobExecutionContext context, JobExecutionException exception, CancellationToken cancellationToken = default) =>
        ValueTask.CompletedTask;

    public ValueTask TriggerSkipped(ITrigger trigger, IScheduler scheduler, CancellationToken cancellationToken = default) =>
        ValueTask.CompletedTask;
}
