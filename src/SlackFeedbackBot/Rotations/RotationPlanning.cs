using Microsoft.Extensions.Options;
using SlackFeedbackBot.Rotations.Planning;
using SlackFeedbackBot.Rotations.Scheduling;
using SlackFeedbackBot.Rotations.Slack;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Rotations;

/// <summary>What the planner is given for one rotation: its definition, the roster and everyone's time off.</summary>
public sealed record PlanInputs(RotationSettings Rotation, IReadOnlyList<RotationMember> Members, IReadOnlyList<TimeOff> TimeOff);

/// <summary>
/// Runs the pure planner against the database. Planning ahead stores the shifts of a new window (whole cadence periods,
/// at least <see cref="RotationsOptions.PlanAheadDays"/> ahead) and schedules their moments. A re-plan (time off,
/// someone leaving) plans each open window twice, with the inputs before and after the change and the same history,
/// so the planner's diff holds only what the change moved; just those shifts are rewritten and just those people told.
/// </summary>
public sealed class RotationPlanning(
    RotationRepository rotations,
    ShiftRepository shifts,
    ShiftScheduler scheduler,
    PeopleZones zones,
    DirectMessenger messenger,
    SupportHomeRefresh homes,
    UnplacedMembersNotice unplacedNotice,
    IOptions<RotationsOptions> options,
    TimeProvider time,
    ILogger<RotationPlanning> log)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task PlanAheadAsync(CancellationToken ct)
    {
        foreach (var rotation in await rotations.ListAsync())
        {
            try
            {
                await PlanAheadAsync(rotation, ct);
            }
            catch (RotationValidationException ex)
            {
                log.LogWarning("Rotation {Rotation} cannot be planned: {Problems}", rotation.Name, string.Join(" ", ex.Problems));
            }
        }
    }

    /// <summary>Plans the next window of the rotation if the plan does not reach far enough ahead. Returns the shifts stored.</summary>
    public async Task<IReadOnlyList<Shift>> PlanAheadAsync(RotationSettings rotation, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await PlanAheadUnguardedAsync(rotation, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Sets a rotation up and plans it as one step: the daily run must not plan it in between, with only some of its
    /// members, and mark the window planned for the rest.
    /// </summary>
    public async Task<IReadOnlyList<Shift>> SetUpAndPlanAsync(Func<Task<RotationSettings?>> setUp, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await setUp() is { } rotation ? await PlanAheadUnguardedAsync(rotation, ct) : [];
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyList<Shift>> PlanAheadUnguardedAsync(RotationSettings rotation, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var plannedUntil = await rotations.PlannedUntilAsync(rotation.Id);
        var from = plannedUntil is { } until && until > now ? until : now;
        var horizon = now.AddDays(options.Value.PlanAheadDays);
        if (from >= horizon)
        {
            return [];
        }

        var window = new PlanningPeriod(from, WindowEndAfter(rotation, horizon));
        var inputs = await LoadInputsAsync(rotation, from, ct);
        var history = await shifts.HistoryAsync(rotation.Id, window.From);
        var plan = ShiftPlanner.Plan(DefinitionOf(rotation), inputs.Members, inputs.TimeOff, history, window);
        foreach (var unplaced in plan.Unplaced)
        {
            log.LogInformation("Rotation {Rotation}: {User} could not be placed in the period from {Period} ({Reason})", rotation.Name, unplaced.UserId, unplaced.PeriodStart, unplaced.Reason);
        }

        await unplacedNotice.TellOwnersAsync(rotation, window, plan.Unplaced, inputs, ct);

        var stored = await shifts.UpsertAllAsync(rotation.Id, plan.Shifts, now);
        foreach (var shift in stored)
        {
            await scheduler.ScheduleAsync(shift, rotation, ct);
        }

        await rotations.AddPlanWindowAsync(rotation.Id, window);
        log.LogInformation("Rotation {Rotation}: planned {Count} shifts from {From:u} to {To:u}", rotation.Name, stored.Count, window.From, window.To);
        return stored;
    }

    public async Task<PlanInputs> LoadInputsAsync(RotationSettings rotation, DateTimeOffset timeOffAfter, CancellationToken ct)
    {
        var members = await zones.CompleteAsync(await rotations.MembersAsync(rotation.Id), ct);
        var timeOff = await rotations.TimeOffAsync(members.Select(m => m.UserId), timeOffAfter);
        return new PlanInputs(rotation, members.Select(m => m.ToPlanner(rotation.TimeZone)).ToList(), [.. timeOff, .. await BusyElsewhereAsync(rotation, members, timeOffAfter)]);
    }

    /// <summary>
    /// Re-plans the rotation's open windows for a change in its inputs, rewrites only the shifts that moved (from now on)
    /// and DMs the people whose shifts moved, with before and after. Returns the moves.
    /// </summary>
    public Task<IReadOnlyList<ShiftMove>> ReplanAsync(PlanInputs before, PlanInputs after, CancellationToken ct) =>
        ReplanAsync(before, after, new HashSet<string>(), ct);

    /// <summary>As above, telling nobody in <paramref name="notTold"/>: someone leaving gets a summary instead, and a
    /// deactivated account cannot read a DM.</summary>
    public async Task<IReadOnlyList<ShiftMove>> ReplanAsync(PlanInputs before, PlanInputs after, IReadOnlySet<string> notTold, CancellationToken ct)
    {
        var rotation = after.Rotation;
        var now = time.GetUtcNow();
        var moves = new List<ShiftMove>();
        foreach (var window in await rotations.PlanWindowsAsync(rotation.Id, now))
        {
            var history = await shifts.HistoryAsync(rotation.Id, window.From);
            var planBefore = PlanOrNothing(before, history, window, now).Shifts;
            var resultAfter = PlanOrNothing(after, history, window, now);
            var planAfter = resultAfter.Shifts;
            // The same key as planning ahead: a window's owners hear about it once, whichever run found it first.
            await unplacedNotice.TellOwnersAsync(rotation, window, resultAfter.Unplaced, after, ct);
            var windowMoves = PlanDiff.Compare(planBefore, planAfter);
            var changedKeys = windowMoves.SelectMany(m => new[] { m.Before?.Key, m.After?.Key }).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var afterByKey = planAfter.ToDictionary(s => s.Key, StringComparer.Ordinal);
            foreach (var key in changedKeys)
            {
                if (afterByKey.TryGetValue(key, out var planned))
                {
                    await shifts.UpsertAsync(rotation.Id, planned, now);
                    var shift = await shifts.FindAsync(key) ?? throw new InvalidOperationException($"Shift {key} was not stored.");
                    await scheduler.ScheduleAsync(shift, rotation, ct);
                }
                else
                {
                    await shifts.CancelAsync(key, now);
                }
            }

            moves.AddRange(windowMoves);
        }

        await TellAboutMovesAsync(rotation, moves.Where(m => !notTold.Contains(m.UserId)).ToList(), ct);
        return moves;
    }

    /// <summary>The window's plan from now on, and who it could not place; nothing when the rotation cannot be planned.</summary>
    private (List<PlannedShift> Shifts, IReadOnlyList<UnplacedMember> Unplaced) PlanOrNothing(PlanInputs inputs, IReadOnlyList<LedgerEntry> history, PlanningPeriod window, DateTimeOffset now)
    {
        try
        {
            var plan = ShiftPlanner.Plan(DefinitionOf(inputs.Rotation), inputs.Members, inputs.TimeOff, history, window);
            return (plan.Shifts.Where(s => s.Start > now).ToList(), plan.Unplaced);
        }
        catch (RotationValidationException ex)
        {
            log.LogWarning("Rotation {Rotation} cannot be re-planned: {Problems}", inputs.Rotation.Name, string.Join(" ", ex.Problems));
            return ([], []);
        }
    }

    /// <summary>
    /// The members' shifts on other rotations, given to the planner as time away: nobody is planned into two shifts at
    /// once, whichever rotations they are on.
    /// </summary>
    private async Task<IReadOnlyList<TimeOff>> BusyElsewhereAsync(RotationSettings rotation, IReadOnlyList<StoredMember> members, DateTimeOffset after)
    {
        var ids = members.Select(m => m.UserId).ToHashSet(StringComparer.Ordinal);
        return (await shifts.OtherRotationsAsync(rotation.Id, after))
            .SelectMany(s => s.Participants.Where(ids.Contains).Select(user => new TimeOff(user, s.Start, s.End)))
            .ToList();
    }

    /// <summary>What the planner is given for the rotation: its own settings plus the company's days off.</summary>
    public RotationDefinition DefinitionOf(RotationSettings rotation) =>
        rotation.ToDefinition() with { CompanyDaysOff = options.Value.CompanyDays() };

    private async Task TellAboutMovesAsync(RotationSettings rotation, IReadOnlyList<ShiftMove> moves, CancellationToken ct)
    {
        foreach (var group in moves.GroupBy(m => m.UserId, StringComparer.Ordinal))
        {
            var zone = await zones.ZoneOfAsync(group.Key, ct);
            var lines = group.Select(m => $"• {Describe(m.Before, zone)} → {Describe(m.After, zone)}").ToList();
            var text = $"Your support shifts on *{rotation.Name}* changed:\n{string.Join("\n", lines)}";
            // The same moves told again (a planning run repeated after a crash) are the same key.
            var key = $"moved:{rotation.Id}:{group.Key}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16]}";
            await messenger.SendAsync(key, group.Key, new SlackMessage { Text = text, Blocks = [SupportBlocks.Section(text)] }, ct);
            await homes.RefreshAsync([group.Key], key, ct);
        }
    }

    private static string Describe(PlannedShift? shift, TimeZoneInfo zone) => shift is null ? "no shift" : ShiftText.When(shift, zone);

    /// <summary>The end of the cadence period (or hand-off week/day) that contains <paramref name="horizon"/>, in the rotation's zone.</summary>
    public static DateTimeOffset WindowEndAfter(RotationSettings rotation, DateTimeOffset horizon)
    {
        var zone = rotation.Zone;
        var day = DateOnly.FromDateTime(LocalTimeResolver.ToLocal(horizon, zone));
        var next = rotation.Cadence switch
        {
            PerMemberCadence { Period: CadencePeriod.Week } => CalendarPeriods.WeekStartOf(day).AddDays(7),
            PerMemberCadence { Period: CadencePeriod.Month } => new DateOnly(day.Year, day.Month, 1).AddMonths(1),
            PerMemberCadence { Period: CadencePeriod.Quarter } => CalendarPeriods.StartOf(day, CadencePeriod.Quarter).AddMonths(3),
            ContinuousCadence { Handoff: HandoffInterval.Weekly } => CalendarPeriods.WeekStartOf(day).AddDays(7),
            _ => day.AddDays(1),
        };
        return LocalTimeResolver.ToUtc(next.ToDateTime(TimeOnly.MinValue), zone);
    }
}
