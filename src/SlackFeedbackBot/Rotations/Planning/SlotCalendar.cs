namespace SlackFeedbackBot.Rotations.Planning;

/// <summary>
/// Lays out the rotation's slots in the period. Per-member cadences cut each working day's support
/// hours into back-to-back slots of the shift length, aligned to the start of support hours; continuous
/// cadences take each working day's support hours whole. Both ends of a slot are wall-clock times resolved
/// with <see cref="LocalTimeResolver"/>, so a slot lying wholly inside a spring-forward gap comes out
/// empty and is dropped, and a slot across a fall-back hour is an hour longer. Holidays and company days off have no slots.
/// </summary>
internal static class SlotCalendar
{
    public static ShiftSlot[] Build(RotationDefinition rotation, TimeZoneInfo zone, PlanningPeriod period)
    {
        var slots = new List<ShiftSlot>();
        var hours = rotation.SupportHours;
        var step = rotation.Cadence is ContinuousCadence ? hours.Length : rotation.ShiftLength;
        // A window that started the day before can still reach into the period.
        var firstDay = DateOnly.FromDateTime(LocalTimeResolver.ToLocal(period.From, zone)).AddDays(-1);
        var lastDay = DateOnly.FromDateTime(LocalTimeResolver.ToLocal(period.To, zone));

        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            if (!rotation.WorkingDays.Contains(day.DayOfWeek) || rotation.Holidays.Contains(day) || rotation.CompanyDaysOff.Contains(day))
                continue;

            var windowEnd = hours.LocalEndOn(day);
            for (var localStart = hours.LocalStartOn(day); localStart + step <= windowEnd; localStart += step)
            {
                var start = LocalTimeResolver.ToUtc(localStart, zone);
                var end = LocalTimeResolver.ToUtc(localStart + step, zone);
                if (end > start && start >= period.From && start < period.To)
                    slots.Add(new ShiftSlot(start, end, day));
            }
        }

        return slots.OrderBy(s => s.Start).ToArray();
    }
}
