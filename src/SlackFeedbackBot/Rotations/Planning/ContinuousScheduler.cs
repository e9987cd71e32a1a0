namespace SlackFeedbackBot.Rotations.Planning;

/// <summary>
/// Staffs every slot back to back. Slots are handed off in blocks (one day, or one Monday-to-Sunday week);
/// each block goes to the lowest-credit members free for the whole block, and any seat still empty on a
/// given day goes to the lowest-credit member free that day. Picking the lowest credit each time is what
/// keeps "no one twice before everyone once" among the people who can take the shift.
/// </summary>
internal static class ContinuousScheduler
{
    public static void Schedule(PlanningContext context, ContinuousCadence cadence)
    {
        var ledger = context.Ledger;
        var members = context.Members;
        var queue = new SortedSet<RankKey>();
        var currentKey = new RankKey[members.Length];
        foreach (var member in context.Pool)
        {
            currentKey[member] = ledger.KeyOf(member);
            queue.Add(currentKey[member]);
        }

        void Rekey(int member)
        {
            queue.Remove(currentKey[member]);
            currentKey[member] = ledger.KeyOf(member);
            queue.Add(currentKey[member]);
        }

        Func<DateOnly, DateOnly> blockOf = cadence.Handoff == HandoffInterval.Weekly ? CalendarPeriods.WeekStartOf : day => day;
        var perShift = context.Rotation.PeoplePerShift;
        foreach (var (_, first, end) in CalendarPeriods.Runs(context.Slots, blockOf))
        {
            var blockStart = context.Slots[first].Start;
            foreach (var joiner in ledger.ActivateJoiners(context.Slots[end - 1].Start, pros: false))
                Rekey(joiner);
            DropLeavers(queue, members, blockStart);

            var wholeBlock = PickLowest(queue, perShift, member => FreeForAll(context, member, first, end), exclude: []);
            for (var slot = first; slot < end; slot++)
            {
                context.Assignees[slot].AddRange(wholeBlock);
                var stopGaps = PickLowest(queue, perShift - wholeBlock.Count, member => context.Availability.IsAvailable(member, slot), exclude: wholeBlock);
                context.Assignees[slot].AddRange(stopGaps);
                foreach (var member in stopGaps)
                {
                    ledger.Credit(member, context.Slots[slot].Start);
                    Rekey(member);
                }
            }
            foreach (var member in wholeBlock)
            {
                ledger.Credit(member, context.Slots[end - 1].Start, end - first);
                Rekey(member);
            }
        }
    }

    private static bool FreeForAll(PlanningContext context, int member, int first, int end)
    {
        for (var slot = first; slot < end; slot++)
        {
            if (!context.Availability.IsAvailable(member, slot))
                return false;
        }
        return true;
    }

    private static List<int> PickLowest(SortedSet<RankKey> queue, int count, Func<int, bool> canTake, List<int> exclude)
    {
        var picked = new List<int>(Math.Max(count, 0));
        if (count <= 0)
            return picked;
        foreach (var key in queue)
        {
            if (!exclude.Contains(key.Member) && canTake(key.Member))
            {
                picked.Add(key.Member);
                if (picked.Count == count)
                    break;
            }
        }
        return picked;
    }

    /// <summary>Someone who has left never becomes available again, so stop looking at them.</summary>
    private static void DropLeavers(SortedSet<RankKey> queue, RotationMember[] members, DateTimeOffset from) =>
        queue.RemoveWhere(key => members[key.Member].LeftAt is { } left && left <= from);
}
