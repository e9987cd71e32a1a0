namespace SlackFeedbackBot.Rotations.Planning;

/// <summary>Checks planner input up front so a bad setting gets a plain sentence, not a stack trace.</summary>
internal static class RotationValidator
{
    public static void EnsureValid(RotationDefinition rotation, IReadOnlyList<RotationMember> members, PlanningPeriod period)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(rotation.Name))
            problems.Add("The rotation needs a name.");
        if (!ZoneCatalog.TryFind(rotation.TimeZoneId, out _))
            problems.Add($"The rotation's time zone '{rotation.TimeZoneId}' is not a known IANA time zone.");
        if (rotation.PeoplePerShift < 1)
            problems.Add("A shift needs at least one person.");
        if (rotation.WorkingDays.Count == 0)
            problems.Add("The rotation needs at least one working day.");
        if (rotation.Cadence is PerMemberCadence perMember)
        {
            if (perMember.ShiftsPerPeriod < 1)
                problems.Add("Each member needs at least one shift per period.");
            if (rotation.ShiftLength <= TimeSpan.Zero)
                problems.Add("The shift length must be positive.");
            else if (rotation.ShiftLength > rotation.SupportHours.Length)
                problems.Add($"A {rotation.ShiftLength} shift does not fit in support hours {rotation.SupportHours.Start}–{rotation.SupportHours.End}.");
        }

        if (period.To <= period.From)
            problems.Add("The planning period must end after it starts.");

        foreach (var duplicate in members.GroupBy(m => m.UserId, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"Member {duplicate.Key} is listed more than once.");
        foreach (var member in members)
        {
            if (!ZoneCatalog.TryFind(member.TimeZoneId, out _))
                problems.Add($"Member {member.UserId} has an unknown time zone '{member.TimeZoneId}'.");
            if (member.WorkingDays.Count == 0)
                problems.Add($"Member {member.UserId} has no working days.");
        }

        var memberIds = members.Select(m => m.UserId).ToHashSet(StringComparer.Ordinal);
        foreach (var pro in rotation.SupportPros.Where(p => !memberIds.Contains(p)))
            problems.Add($"Support pro {pro} is not on the roster, so their hours are unknown.");

        if (problems.Count > 0)
            throw new RotationValidationException(problems);
    }
}
