namespace SlackFeedbackBot.Rotations.Planning;

/// <summary>
/// Gives every active member K shifts in each calendar period. Members are ranked by credit; their
/// shift requests are taken round by round (everyone's first before anyone's second) and grouped
/// PeoplePerShift at a time. Each group aims at a slot spread evenly along the slots that fit its
/// members' working-hours pattern, so shifts spread over the period instead of piling onto day one.
/// Requests whose aimed slot works are placed first; the rest take the nearest free slot that fits.
/// Because ranks depend only on the ledger, a new time off moves the affected person and, at most,
/// whoever takes the slot they free.
/// </summary>
internal static class PerMemberScheduler
{
    private readonly record struct Request(int Member, int Pattern, int TargetPosition);

    public static void Schedule(PlanningContext context, PerMemberCadence cadence)
    {
        foreach (var (periodStart, first, end) in CalendarPeriods.Runs(context.Slots, day => CalendarPeriods.StartOf(day, cadence.Period)))
            SchedulePeriod(context, cadence.ShiftsPerPeriod, periodStart, first, end);
    }

    private static void SchedulePeriod(PlanningContext context, int shiftsEach, DateOnly periodStart, int first, int end)
    {
        var slots = context.Slots;
        var availability = context.Availability;
        var ledger = context.Ledger;
        var periodFrom = slots[first].Start;
        var lastStart = slots[end - 1].Start;
        ledger.ActivateJoiners(lastStart, pros: false);

        var ranked = context.Pool
            .Where(m => context.Members[m].JoinedAt <= lastStart && (context.Members[m].LeftAt is not { } left || left > periodFrom))
            .Select(ledger.KeyOf)
            .Order()
            .Select(k => k.Member)
            .ToArray();

        var slotsByPattern = new Dictionary<int, List<int>>();
        var membersInPattern = new Dictionary<int, int>();
        var rankInPattern = new int[ranked.Length];
        for (var i = 0; i < ranked.Length; i++)
        {
            var pattern = availability.PatternOf(ranked[i]);
            if (!slotsByPattern.ContainsKey(pattern))
            {
                var fitting = new List<int>();
                for (var s = first; s < end; s++)
                {
                    if (availability.FitsHours(ranked[i], s))
                        fitting.Add(s);
                }
                slotsByPattern[pattern] = fitting;
                membersInPattern[pattern] = 0;
            }
            rankInPattern[i] = membersInPattern[pattern]++;
        }

        var perShift = context.Rotation.PeoplePerShift;
        var requests = new List<Request>(ranked.Length * shiftsEach);
        for (var round = 0; round < shiftsEach; round++)
        {
            for (var i = 0; i < ranked.Length; i++)
            {
                var pattern = availability.PatternOf(ranked[i]);
                var fitting = slotsByPattern[pattern].Count;
                var requestNumber = round * membersInPattern[pattern] + rankInPattern[i];
                var groups = (membersInPattern[pattern] * shiftsEach + perShift - 1) / perShift;
                var target = fitting == 0 ? -1 : (int)((long)(requestNumber / perShift) * fitting / groups);
                requests.Add(new Request(ranked[i], pattern, target));
            }
        }

        var assignees = context.Assignees;
        bool CanTake(int member, int slot) =>
            assignees[slot].Count < perShift && !assignees[slot].Contains(member) && availability.IsFree(member, slot);

        var waiting = new List<Request>();
        foreach (var request in requests)
        {
            var slot = request.TargetPosition < 0 ? -1 : slotsByPattern[request.Pattern][request.TargetPosition];
            if (slot >= 0 && CanTake(request.Member, slot))
                assignees[slot].Add(request.Member);
            else
                waiting.Add(request);
        }

        foreach (var request in waiting)
        {
            var fitting = slotsByPattern[request.Pattern];
            var slot = NearestTakeable(fitting, request.TargetPosition, s => CanTake(request.Member, s));
            if (slot >= 0)
            {
                assignees[slot].Add(request.Member);
                continue;
            }
            var anyFree = fitting.Exists(s => availability.IsFree(request.Member, s));
            context.Unplaced.Add(new UnplacedMember(
                context.Members[request.Member].UserId,
                periodStart,
                anyFree ? UnplacedReason.NoCapacity : UnplacedReason.NoCompatibleSlot));
        }

        for (var s = first; s < end; s++)
        {
            foreach (var member in assignees[s])
                ledger.Credit(member, slots[s].Start);
        }
    }

    private static int NearestTakeable(List<int> fitting, int targetPosition, Func<int, bool> canTake)
    {
        if (fitting.Count == 0)
            return -1;
        var origin = Math.Max(0, targetPosition);
        for (var distance = 0; distance < fitting.Count; distance++)
        {
            var later = origin + distance;
            if (later < fitting.Count && canTake(fitting[later]))
                return fitting[later];
            var earlier = origin - distance;
            if (distance > 0 && earlier >= 0 && canTake(fitting[earlier]))
                return fitting[earlier];
            if (later >= fitting.Count && earlier < 0)
                break;
        }
        return -1;
    }
}
