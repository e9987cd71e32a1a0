namespace SlackFeedbackBot.Rotations.Planning;

/// <summary>
/// Gives every active member K shifts in each calendar period. Members are ranked by credit; their
/// shift requests are taken round by round (everyone's first before anyone's second) and grouped
/// PeoplePerShift at a time. Each group aims at a slot spread evenly along the slots that fit its
/// members' working-hours pattern, so shifts spread over the period instead of piling onto day one.
/// Requests whose aimed slot works are placed first; the rest take the nearest free slot that fits, and
/// when none is left a lower-credit request takes the seat of the highest-credit one, so shortages fall
/// on the people who have served most.
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
                var group = (round * membersInPattern[pattern] + rankInPattern[i]) / perShift;
                var groups = (membersInPattern[pattern] * shiftsEach + perShift - 1) / perShift;
                var target = fitting == 0 ? -1
                    : groups <= fitting ? (int)((long)group * fitting / groups)
                    : Math.Min(group, fitting - 1);
                requests.Add(new Request(ranked[i], pattern, target));
            }
        }

        // Seats hold request numbers: a lower number is a lower-credit member, who has the better claim.
        var seats = new List<int>[end - first];
        for (var s = 0; s < seats.Length; s++)
            seats[s] = [];
        bool Holds(int slot, int member) => seats[slot - first].Exists(r => requests[r].Member == member);
        bool CanTake(int request, int slot) =>
            seats[slot - first].Count < perShift && !Holds(slot, requests[request].Member) && availability.IsFree(requests[request].Member, slot);

        var waiting = new Queue<int>();
        for (var r = 0; r < requests.Count; r++)
        {
            var request = requests[r];
            var slot = request.TargetPosition < 0 ? -1 : slotsByPattern[request.Pattern][request.TargetPosition];
            if (slot >= 0 && CanTake(r, slot))
                seats[slot - first].Add(r);
            else
                waiting.Enqueue(r);
        }

        while (waiting.TryDequeue(out var r))
        {
            var request = requests[r];
            var fitting = slotsByPattern[request.Pattern];
            var slot = NearestTakeable(fitting, request.TargetPosition, s => CanTake(r, s));
            if (slot >= 0)
            {
                seats[slot - first].Add(r);
                continue;
            }
            if (TryBump(fitting, r, request.Member) is { } bumped)
            {
                waiting.Enqueue(bumped);
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
            foreach (var r in seats[s - first])
            {
                context.Assignees[s].Add(requests[r].Member);
                ledger.Credit(requests[r].Member, slots[s].Start);
            }
        }

        // When every fitting slot is full, a request with a better claim takes the seat of the weakest claim
        // it can find; the bumped request then looks for a seat of its own.
        int? TryBump(List<int> fitting, int request, int member)
        {
            var bestSlot = -1;
            var weakest = request;
            foreach (var slot in fitting)
            {
                if (Holds(slot, member) || !availability.IsFree(member, slot))
                    continue;
                var holder = seats[slot - first].Max();
                if (holder > weakest)
                {
                    weakest = holder;
                    bestSlot = slot;
                }
            }
            if (bestSlot < 0)
                return null;
            seats[bestSlot - first].Remove(weakest);
            seats[bestSlot - first].Add(request);
            return weakest;
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
