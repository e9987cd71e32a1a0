namespace SlackFeedbackBot.Rotations.Planning;

/// <summary>Pairs each staffed shift with one support pro, taking turns by credit among the pros free at that time.</summary>
internal static class SupportProPairing
{
    public static int?[] Pair(PlanningContext context, Func<int, bool> isShift)
    {
        var pros = new int?[context.Slots.Length];
        if (context.Pros.Length == 0)
            return pros;
        for (var slot = 0; slot < context.Slots.Length; slot++)
        {
            if (!isShift(slot))
                continue;
            var start = context.Slots[slot].Start;
            context.Ledger.ActivateJoiners(start, pros: true);
            RankKey? best = null;
            foreach (var pro in context.Pros)
            {
                if (!context.Availability.IsAvailable(pro, slot))
                    continue;
                var key = context.Ledger.KeyOf(pro);
                if (best is null || key.CompareTo(best.Value) < 0)
                    best = key;
            }
            if (best is { } chosen)
            {
                pros[slot] = chosen.Member;
                context.Ledger.Credit(chosen.Member, start);
            }
        }
        return pros;
    }
}
