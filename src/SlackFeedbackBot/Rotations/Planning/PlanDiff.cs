namespace SlackFeedbackBot.Rotations.Planning;

/// <summary>One person's changed shift: before and after (either may be missing). This is what people are told about.</summary>
public sealed record ShiftMove(string UserId, PlannedShift? Before, PlannedShift? After);

/// <summary>Compares two plans person by person, so only people whose shifts changed hear about it.</summary>
public static class PlanDiff
{
    public static IReadOnlyList<ShiftMove> Compare(IReadOnlyList<PlannedShift> before, IReadOnlyList<PlannedShift> after)
    {
        var beforeByUser = ShiftsByParticipant(before);
        var afterByUser = ShiftsByParticipant(after);
        var moves = new List<ShiftMove>();
        foreach (var user in beforeByUser.Keys.Union(afterByUser.Keys).Order(StringComparer.Ordinal))
        {
            var had = beforeByUser.GetValueOrDefault(user) ?? [];
            var has = afterByUser.GetValueOrDefault(user) ?? [];
            var hasKeys = has.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
            var hadKeys = had.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
            var lost = had.Where(s => !hasKeys.Contains(s.Key)).ToList();
            var gained = has.Where(s => !hadKeys.Contains(s.Key)).ToList();
            // Pair them in time order so "moved from Tuesday to Thursday" reads as one change.
            for (var i = 0; i < Math.Max(lost.Count, gained.Count); i++)
                moves.Add(new ShiftMove(user, i < lost.Count ? lost[i] : null, i < gained.Count ? gained[i] : null));
        }
        return moves;
    }

    private static Dictionary<string, List<PlannedShift>> ShiftsByParticipant(IReadOnlyList<PlannedShift> shifts)
    {
        var byUser = new Dictionary<string, List<PlannedShift>>(StringComparer.Ordinal);
        foreach (var shift in shifts.OrderBy(s => s.Start))
        {
            foreach (var user in shift.Participants)
            {
                if (!byUser.TryGetValue(user, out var list))
                    byUser[user] = list = [];
                list.Add(shift);
            }
        }
        return byUser;
    }
}
