using System.Globalization;
using Quartz;
using SlackFeedbackBot.Rotations.Scheduling;

namespace SlackFeedbackBot.Rotations.Jobs;

/// <summary>Sends the reminder for the shift and offset in the trigger's data.</summary>
public sealed class ShiftReminderJob(ShiftReminders reminders) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.MergedJobDataMap;
        var minutes = long.Parse(data.GetString(ShiftScheduler.OffsetData)!, CultureInfo.InvariantCulture);
        await reminders.RemindAsync(data.GetString(ShiftScheduler.ShiftKeyData)!, TimeSpan.FromMinutes(minutes), cancellationToken);
    }
}

/// <summary>Announces the shift in its support channel (topic, user group).</summary>
public sealed class ShiftStartJob(ShiftStart start) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await start.AnnounceAsync(context.MergedJobDataMap.GetString(ShiftScheduler.ShiftKeyData)!, cancellationToken);
}

/// <summary>Nudges people who have not acknowledged, or tells the owners, depending on the trigger's stage.</summary>
public sealed class ShiftNoShowJob(NoShowWatch watch) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.MergedJobDataMap;
        var shiftKey = data.GetString(ShiftScheduler.ShiftKeyData)!;
        if (data.GetString(ShiftScheduler.StageData) == NoShowStage.Escalate)
        {
            await watch.EscalateAsync(shiftKey, cancellationToken);
        }
        else
        {
            await watch.NudgeAsync(shiftKey, cancellationToken);
        }
    }
}

/// <summary>Wraps the shift up: ledger, "What did you hear?", hand-off.</summary>
public sealed class ShiftEndJob(ShiftWrapUp wrapUp) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await wrapUp.WrapUpAsync(context.MergedJobDataMap.GetString(ShiftScheduler.ShiftKeyData)!, cancellationToken);
}

/// <summary>Plans every rotation far enough ahead (daily and at start).</summary>
[DisallowConcurrentExecution]
public sealed class RotationPlanningJob(RotationPlanning planning) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await planning.PlanAheadAsync(cancellationToken);
}
