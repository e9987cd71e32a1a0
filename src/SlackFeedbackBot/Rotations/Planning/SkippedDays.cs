namespace SlackFeedbackBot.Rotations.Planning;

/// <summary>A working day of the rotation without shifts for some or all members, and why.</summary>
/// <param name="Everyone">True when nobody has shifts that day; otherwise only <paramref name="Members"/> are off.</param>
public sealed record SkippedDay(DateOnly Day, string Reason, bool Everyone, IReadOnlyList<string> Members);

/// <summary>
/// Says which of the rotation's working days the planner skips, for whom and why: company days off, the rotation's own
/// holidays, and public holidays of each member's country. The same rules as <see cref="SlotCalendar"/> and
/// <see cref="AvailabilityIndex"/>, told as days (rotation-local dates).
/// </summary>
public static class SkippedDays
{
    public static IReadOnlyList<SkippedDay> Between(RotationDefinition rotation, IReadOnlyList<RotationMember> members, DateOnly from, DateOnly to)
    {
        var skipped = new List<SkippedDay>();
        var byCountry = members
            .Select(m => (m.UserId, Country: m.HolidayCountryOn(rotation)))
            .Where(m => m.Country is not null)
            .GroupBy(m => m.Country!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(m => m.UserId).ToList(), StringComparer.Ordinal);
        var holidays = byCountry.Keys.ToDictionary(c => c, c => PublicHolidayCalendar.Between(c, from, to), StringComparer.Ordinal);

        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (!rotation.WorkingDays.Contains(day.DayOfWeek))
                continue;
            if (rotation.CompanyDaysOff.Contains(day))
            {
                skipped.Add(new SkippedDay(day, "company day off", true, []));
                continue;
            }
            if (rotation.Holidays.Contains(day))
            {
                skipped.Add(new SkippedDay(day, "a holiday of this rotation", true, []));
                continue;
            }

            var names = new List<string>();
            var off = new List<string>();
            foreach (var (country, days) in holidays.OrderBy(h => h.Key, StringComparer.Ordinal))
            {
                if (days.TryGetValue(day, out var name))
                {
                    names.Add($"{name} ({country})");
                    off.AddRange(byCountry[country]);
                }
            }
            if (off.Count > 0)
            {
                var everyone = members.Count > 0 && off.Count == members.Count;
                skipped.Add(new SkippedDay(day, "public holiday: " + string.Join(", ", names.Distinct()), everyone, off.Order(StringComparer.Ordinal).ToList()));
            }
        }
        return skipped;
    }
}
