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
        var membersOfPattern = new Dictionary<int, List<int>>();
        foreach (var member in ranked)
        {
            var pattern = availability.PatternOf(member);
            if (!slotsByPattern.ContainsKey(pattern))
            {
                var fitting = new List<int>();
                for (var s = first; s < end; s++)
                {
                    if (availability.FitsHours(member, s))
                        fitting.Add(s);
                }
                slotsByPattern[pattern] = fitting;
                membersOfPattern[pattern] = [];
            }
            membersOfPattern[pattern].Add(member);
        }

        // The period's days with slots, and the day each request aims at: groups of PeoplePerShift people who share
        // working hours are numbered across all patterns, round by round, and spread evenly over those days, so
        // people in different zones land on different days instead of all on the first one.
        var days = new List<DateOnly>();
        var dayOfSlot = new int[end - first];
        for (var s = first; s < end; s++)
        {
            if (days.Count == 0 || days[^1] != slots[s].LocalDate)
                days.Add(slots[s].LocalDate);
            dayOfSlot[s - first] = days.Count - 1;
        }

        var perShift = context.Rotation.PeoplePerShift;
        var groupOf = new Dictionary<(int Round, int Member), int>();
        var groupCount = 0;
        for (var round = 0; round < shiftsEach; round++)
        {
            foreach (var members in membersOfPattern.Values)
            {
                for (var i = 0; i < members.Count; i++)
                    groupOf[(round, members[i])] = groupCount + i / perShift;
                groupCount += (members.Count + perShift - 1) / perShift;
            }
        }

        var requests = new List<Request>(ranked.Length * shiftsEach);
        for (var round = 0; round < shiftsEach; round++)
        {
            foreach (var member in ranked)
            {
                var pattern = availability.PatternOf(member);
                var fitting = slotsByPattern[pattern];
                var targetDay = (int)((long)groupOf[(round, member)] * days.Count / Math.Max(1, groupCount));
                requests.Add(new Request(member, pattern, FirstOnOrAfterDay(fitting, targetDay, s => dayOfSlot[s - first])));
            }
        }

        // No day takes more shifts than an even share, while another day can still take one.
        var dayCap = Math.Max(1, (groupCount + days.Count - 1) / Math.Max(1, days.Count));
        var shiftsOnDay = new int[days.Count];

        // Seats hold request numbers: a lower number is a lower-credit member, who has the better claim.
        var seats = new List<int>[end - first];
        for (var s = 0; s < seats.Length; s++)
            seats[s] = [];
        bool Holds(int slot, int member) => seats[slot - first].Exists(r => requests[r].Member == member);
        bool CanTake(int request, int slot) =>
            seats[slot - first].Count < perShift && !Holds(slot, requests[request].Member) && availability.IsFree(requests[request].Member, slot);
        bool CanTakeEvenly(int request, int slot) =>
            CanTake(request, slot) && (seats[slot - first].Count > 0 || shiftsOnDay[dayOfSlot[slot - first]] < dayCap);
        void Seat(int request, int slot)
        {
            if (seats[slot - first].Count == 0)
                shiftsOnDay[dayOfSlot[slot - first]]++;
            seats[slot - first].Add(request);
        }

        var waiting = new Queue<int>();
        for (var r = 0; r < requests.Count; r++)
        {
            var request = requests[r];
            var slot = request.TargetPosition < 0 ? -1 : slotsByPattern[request.Pattern][request.TargetPosition];
            if (slot >= 0 && CanTakeEvenly(r, slot))
                Seat(r, slot);
            else
                waiting.Enqueue(r);
        }

        while (waiting.TryDequeue(out var r))
        {
            var request = requests[r];
            var fitting = slotsByPattern[request.Pattern];
            var slot = NearestTakeable(fitting, request.TargetPosition, s => CanTakeEvenly(r, s));
            if (slot < 0)
                slot = NearestTakeable(fitting, request.TargetPosition, s => CanTake(r, s));
            if (slot >= 0)
            {
                Seat(r, slot);
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

    /// <summary>The position in <paramref name="fitting"/> of its first slot on or after the day; the last one when none is.</summary>
    private static int FirstOnOrAfterDay(List<int> fitting, int day, Func<int, int> dayOf)
    {
        if (fitting.Count == 0)
            return -1;
        var low = 0;
        var high = fitting.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (dayOf(fitting[middle]) < day)
                low = middle + 1;
            else
                high = middle;
        }
        return Math.Min(low, fitting.Count - 1);
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
