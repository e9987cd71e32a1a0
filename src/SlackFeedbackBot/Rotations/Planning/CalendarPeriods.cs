namespace SlackFeedbackBot.Rotations.Planning;

/// <summary>Calendar periods in the rotation's zone: weeks start on Monday, quarters in January, April, July, October.</summary>
internal static class CalendarPeriods
{
    public static DateOnly StartOf(DateOnly day, CadencePeriod period) => period switch
    {
        CadencePeriod.Week => WeekStartOf(day),
        CadencePeriod.Month => new DateOnly(day.Year, day.Month, 1),
        CadencePeriod.Quarter => new DateOnly(day.Year, (day.Month - 1) / 3 * 3 + 1, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown cadence period."),
    };

    public static DateOnly WeekStartOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>Splits time-ordered slots into contiguous runs that share a period start.</summary>
    public static IEnumerable<(DateOnly PeriodStart, int First, int End)> Runs(ShiftSlot[] slots, Func<DateOnly, DateOnly> periodStartOf)
    {
        var first = 0;
        while (first < slots.Length)
        {
            var periodStart = periodStartOf(slots[first].LocalDate);
            var end = first + 1;
            while (end < slots.Length && periodStartOf(slots[end].LocalDate) == periodStart)
                end++;
            yield return (periodStart, first, end);
            first = end;
        }
    }
}
