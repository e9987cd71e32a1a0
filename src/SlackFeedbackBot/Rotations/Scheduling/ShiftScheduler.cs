using System.Globalization;
using Quartz;
using SlackFeedbackBot.Rotations.Storage;

namespace SlackFeedbackBot.Rotations.Scheduling;

/// <summary>
/// Puts a shift's moments on the Quartz calendar: each reminder, the start, the no-show checks and the end.
/// Triggers live under runtime-only keys (group <see cref="TriggerGroup"/>, never declared in AddQuartz, so a restart
/// does not overwrite them) and carry only the shift key: the jobs re-read the shift when they fire.
/// One-shot simple triggers misfire with FireNow, so a moment missed while the bot was down fires at start.
/// </summary>
public sealed class ShiftScheduler(ISchedulerFactory schedulers, TimeProvider time)
{
    public const string TriggerGroup = "rotation-shifts";
    public const string JobGroup = "rotations";
    public static readonly JobKey ReminderJob = new("shift-reminder", JobGroup);
    public static readonly JobKey StartJob = new("shift-start", JobGroup);
    public static readonly JobKey NoShowJob = new("shift-no-show", JobGroup);
    public static readonly JobKey EndJob = new("shift-end", JobGroup);
    public static readonly JobKey PlanningJob = new("rotation-planning", JobGroup);

    public const string ShiftKeyData = "shiftKey";
    public const string OffsetData = "offsetMinutes";
    public const string StageData = "stage";

    /// <summary>Schedules (or re-schedules) everything around the shift still ahead of now.</summary>
    public async Task ScheduleAsync(Shift shift, RotationSettings rotation, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var now = time.GetUtcNow();
        foreach (var offset in rotation.ReminderOffsets)
        {
            var minutes = ((long)offset.TotalMinutes).ToString(CultureInfo.InvariantCulture);
            await ScheduleAtAsync(scheduler, shift, $"reminder|{minutes}", ReminderJob, shift.Start - offset, now, ct, (OffsetData, minutes));
        }

        await ScheduleAtAsync(scheduler, shift, "start", StartJob, shift.Start, now, ct);
        await ScheduleAtAsync(scheduler, shift, "nudge", NoShowJob, shift.Start + rotation.NudgeAfter, now, ct, (StageData, NoShowStage.Nudge));
        await ScheduleAtAsync(scheduler, shift, "escalate", NoShowJob, shift.Start + rotation.EscalateAfter, now, ct, (StageData, NoShowStage.Escalate));
        await ScheduleAtAsync(scheduler, shift, "end", EndJob, shift.End, now, ct);
    }

    public static TriggerKey TriggerKeyFor(string shiftKey, string moment) => new($"{shiftKey}|{moment}", TriggerGroup);

    private async Task ScheduleAtAsync(
        IScheduler scheduler, Shift shift, string moment, JobKey job, DateTimeOffset at, DateTimeOffset now, CancellationToken ct, params (string Key, string Value)[] data)
    {
        // A moment already behind us when the shift is planned is not a missed one: there is nothing to catch up on.
        if (at <= now)
        {
            return;
        }

        var builder = TriggerBuilder.Create(time)
            .WithIdentity(TriggerKeyFor(shift.Key, moment))
            .ForJob(job)
            .UsingJobData(ShiftKeyData, shift.Key)
            .StartAt(at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow));
        foreach (var (key, value) in data)
        {
            builder = builder.UsingJobData(key, value);
        }

        await scheduler.ScheduleJob(builder.Build(), new ScheduleJobOptions { Replace = true }, ct);
    }
}

public static class NoShowStage
{
    public const string Nudge = "nudge";
    public const string Escalate = "escalate";
}
