using System.Globalization;
using Quartz;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Scheduling;

namespace SlackFeedbackBot.Rotations.Scheduling;

/// <summary>
/// Puts a shift's moments on the Quartz calendar: each reminder, the start, the no-show checks and the end.
/// Triggers live under runtime-only keys (group <see cref="TriggerGroup"/>, never declared in AddQuartz, so a restart
/// does not overwrite them) and carry only the shift key: the jobs re-read the shift when they fire.
/// One-shot simple triggers misfire with FireNow, so a moment missed while the bot was down fires at start.
/// A moment already on the calendar unchanged is left alone, and every change goes through
/// <see cref="SchedulerDeclarations"/>: instances planning the same shift together schedule each moment once.
/// </summary>
public sealed class ShiftScheduler(SchedulerDeclarations declarations, TimeProvider time)
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
        await using var scope = await declarations.HoldAsync(ct);
        var now = time.GetUtcNow();
        foreach (var offset in rotation.ReminderOffsets)
        {
            var minutes = ((long)offset.TotalMinutes).ToString(CultureInfo.InvariantCulture);
            await ScheduleAtAsync(scope, shift, $"reminder|{minutes}", ReminderJob, shift.Start - offset, now, ct, (OffsetData, minutes));
        }

        await ScheduleAtAsync(scope, shift, "start", StartJob, shift.Start, now, ct);
        await ScheduleAtAsync(scope, shift, "nudge", NoShowJob, shift.Start + rotation.NudgeAfter, now, ct, (StageData, NoShowStage.Nudge));
        await ScheduleAtAsync(scope, shift, "escalate", NoShowJob, shift.Start + rotation.EscalateAfter, now, ct, (StageData, NoShowStage.Escalate));
        await ScheduleAtAsync(scope, shift, "end", EndJob, shift.End, now, ct);
    }

    public static TriggerKey TriggerKeyFor(string shiftKey, string moment) => new($"{shiftKey}|{moment}", TriggerGroup);

    private async Task ScheduleAtAsync(
        SchedulerDeclarations.Scope scope, Shift shift, string moment, JobKey job, DateTimeOffset at, DateTimeOffset now, CancellationToken ct, params (string Key, string Value)[] data)
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

        await scope.EnsureAsync(builder.Build(), stored => IsSame(stored, job, shift.Key, at, data), ct);
    }

    // Same job, same moment, same data, and not yet fired: replacing it would change nothing but its bookkeeping.
    private static bool IsSame(ITrigger stored, JobKey job, string shiftKey, DateTimeOffset at, (string Key, string Value)[] data) =>
        stored.JobKey.Equals(job)
        && stored.StartTimeUtc == at
        && stored.NextFireTimeUtc is not null
        && stored.JobDataMap.GetString(ShiftKeyData) == shiftKey
        && data.All(d => stored.JobDataMap.GetString(d.Key) == d.Value)
        && stored.JobDataMap.Count == data.Length + 1;
}

public static class NoShowStage
{
    public const string Nudge = "nudge";
    public const string Escalate = "escalate";
}
