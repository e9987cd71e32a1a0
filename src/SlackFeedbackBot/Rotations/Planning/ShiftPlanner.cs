namespace SlackFeedbackBot.Rotations.Planning;

/// <summary>
/// Plans a rotation's shifts as a pure function of (rotation, members, time off, history, period):
/// no clock, no storage, and the same input always gives the same plan.
/// </summary>
public static class ShiftPlanner
{
    /// <exception cref="RotationValidationException">The input cannot be planned; the message says why.</exception>
    public static PlanResult Plan(
        RotationDefinition rotation,
        IReadOnlyList<RotationMember> members,
        IReadOnlyList<TimeOff> timeOff,
        IReadOnlyList<LedgerEntry> history,
        PlanningPeriod period)
    {
        RotationValidator.EnsureValid(rotation, members, period);

        var zone = ZoneCatalog.Find(rotation.TimeZoneId);
        var roster = members.OrderBy(m => m.UserId, StringComparer.Ordinal).ToArray();
        var slots = WithoutEveryonesHolidays(SlotCalendar.Build(rotation, zone, period), rotation, roster);
        var proIds = rotation.SupportPros.ToHashSet(StringComparer.Ordinal);
        var isPro = roster.Select(m => proIds.Contains(m.UserId)).ToArray();
        var isContinuous = rotation.Cadence is ContinuousCadence;
        // A shift lies inside each participant's working hours, continuous or not: overlapping them is not enough.
        var availability = new AvailabilityIndex(slots, roster, timeOff, wholeSlotInsideHours: true, rotation);
        var ledger = new FairnessLedger(roster, isPro, history, period);
        var context = new PlanningContext(rotation, slots, roster, availability, ledger, isPro);

        switch (rotation.Cadence)
        {
            case PerMemberCadence perMember:
                PerMemberScheduler.Schedule(context, perMember);
                break;
            case ContinuousCadence continuous:
                ContinuousScheduler.Schedule(context, continuous);
                break;
            default:
                throw new RotationValidationException([$"The cadence {rotation.Cadence.GetType().Name} is not supported."]);
        }

        // Per-member slots nobody took are not shifts; continuous slots are shifts even when short of people.
        bool IsShift(int slot) => isContinuous || context.Assignees[slot].Count > 0;
        var pros = SupportProPairing.Pair(context, IsShift);

        var shifts = new List<PlannedShift>();
        var understaffed = new List<string>();
        for (var slot = 0; slot < slots.Length; slot++)
        {
            if (!IsShift(slot))
                continue;
            var key = PlannedShift.KeyFor(rotation.Name, slots[slot].Start);
            var assignees = context.Assignees[slot].Select(m => roster[m].UserId).Order(StringComparer.Ordinal).ToArray();
            shifts.Add(new PlannedShift(key, slots[slot].Start, slots[slot].End, assignees, pros[slot] is { } pro ? roster[pro].UserId : null));
            if (assignees.Length < rotation.PeoplePerShift)
                understaffed.Add(key);
        }

        return new PlanResult(shifts, context.Unplaced, understaffed);
    }

    /// <summary>A day that is a public holiday for every member has no slots, so a continuous rotation has no empty shift on it.</summary>
    private static ShiftSlot[] WithoutEveryonesHolidays(ShiftSlot[] slots, RotationDefinition rotation, RotationMember[] roster)
    {
        if (slots.Length == 0 || roster.Length == 0)
            return slots;
        var everyoneOff = SkippedDays.Between(rotation, roster, slots[0].LocalDate, slots[^1].LocalDate)
            .Where(d => d.Everyone).Select(d => d.Day).ToHashSet();
        return everyoneOff.Count == 0 ? slots : slots.Where(s => !everyoneOff.Contains(s.LocalDate)).ToArray();
    }
}
