using System.Globalization;

namespace SlackFeedbackBot.Digests;

/// <summary>
/// The periods a digest reports on, in the subscriber's time zone: the last complete week (Monday to Sunday)
/// or calendar month before "now". Boundaries are local midnights converted to UTC, so a week that crosses a
/// DST change is 167 or 169 hours long.
/// </summary>
public static class DigestPeriods
{
    public static DigestPeriod LastComplete(DigestPeriodKind kind, TimeZoneInfo zone, DateTimeOffset now) => kind switch
    {
        DigestPeriodKind.Week => LastCompleteWeek(zone, now),
        DigestPeriodKind.Month => LastCompleteMonth(zone, now),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown digest period kind."),
    };

    public static DigestPeriod LastCompleteWeek(TimeZoneInfo zone, DateTimeOffset now)
    {
        var today = LocalDate(zone, now);
        var thisMonday = today.AddDays(-DaysSinceMonday(today));
        return Week(zone, thisMonday.AddDays(-7));
    }

    public static DigestPeriod LastCompleteMonth(TimeZoneInfo zone, DateTimeOffset now)
    {
        var today = LocalDate(zone, now);
        var firstOfThisMonth = new DateOnly(today.Year, today.Month, 1);
        return Month(zone, firstOfThisMonth.AddMonths(-1));
    }

    /// <summary>
    /// The week or month that contains <paramref name="now"/>, from its first local midnight to the end of today: nothing
    /// later exists yet, and whole days show as the reader's dates.
    /// </summary>
    public static DigestPeriod SoFar(DigestPeriodKind kind, TimeZoneInfo zone, DateTimeOffset now)
    {
        var today = LocalDate(zone, now);
        var whole = kind switch
        {
            DigestPeriodKind.Week => Week(zone, today.AddDays(-DaysSinceMonday(today))),
            DigestPeriodKind.Month => Month(zone, new DateOnly(today.Year, today.Month, 1)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown digest period kind."),
        };
        var endOfToday = StartOfDay(zone, today.AddDays(1));
        return whole with { To = endOfToday < whole.To ? endOfToday : whole.To, Label = $"{whole.Label} so far", SoFar = true };
    }

    /// <summary>
    /// The period just before <paramref name="period"/>, for the deltas. For a period so far, the same stretch of the
    /// period before (Monday to Wednesday 14:00 against last Monday to Wednesday 14:00), so the change is fair.
    /// </summary>
    public static DigestPeriod Previous(DigestPeriod period, TimeZoneInfo zone)
    {
        var start = LocalDate(zone, period.From);
        var before = period.Kind switch
        {
            DigestPeriodKind.Week => Week(zone, start.AddDays(-7)),
            DigestPeriodKind.Month => Month(zone, start.AddMonths(-1)),
            _ => throw new ArgumentOutOfRangeException(nameof(period), period.Kind, "Unknown digest period kind."),
        };
        if (!period.SoFar)
        {
            return before;
        }

        var sameStretch = before.From + (period.To - period.From);
        return before with { To = sameStretch < before.To ? sameStretch : before.To };
    }

    /// <summary>The Mondays of the <paramref name="count"/> weeks that end with the period's last week, oldest first.</summary>
    public static IReadOnlyList<DateOnly> ChartWeeks(DigestPeriod period, TimeZoneInfo zone, int count = 12)
    {
        var lastDay = LocalDate(zone, period.To.AddTicks(-1));
        var lastMonday = lastDay.AddDays(-DaysSinceMonday(lastDay));
        return Enumerable.Range(0, Math.Max(1, count)).Select(offset => lastMonday.AddDays(-7 * offset)).Reverse().ToList();
    }

    /// <summary>The Monday of the local week that contains <paramref name="instant"/>; weekly chart counts are keyed by it.</summary>
    public static DateOnly WeekStart(TimeZoneInfo zone, DateTimeOffset instant)
    {
        var day = LocalDate(zone, instant);
        return day.AddDays(-DaysSinceMonday(day));
    }

    /// <summary>The local week that starts on <paramref name="monday"/>.</summary>
    public static DigestPeriod WeekStarting(TimeZoneInfo zone, DateOnly monday) => Week(zone, monday);

    /// <summary>The local calendar month that starts on <paramref name="first"/>.</summary>
    public static DigestPeriod MonthStarting(TimeZoneInfo zone, DateOnly first) => Month(zone, first);

    private static DigestPeriod Week(TimeZoneInfo zone, DateOnly monday)
    {
        var label = $"{ISOWeek.GetYear(monday.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(monday.ToDateTime(TimeOnly.MinValue)):00}";
        return new DigestPeriod(StartOfDay(zone, monday), StartOfDay(zone, monday.AddDays(7)), label, DigestPeriodKind.Week, zone);
    }

    private static DigestPeriod Month(TimeZoneInfo zone, DateOnly first) =>
        new(StartOfDay(zone, first), StartOfDay(zone, first.AddMonths(1)),
            first.ToString("yyyy-MM", CultureInfo.InvariantCulture), DigestPeriodKind.Month, zone);

    private static DateOnly LocalDate(TimeZoneInfo zone, DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    private static int DaysSinceMonday(DateOnly day) => ((int)day.DayOfWeek + 6) % 7;

    /// <summary>Local midnight in UTC. Where midnight itself is skipped by a DST jump (e.g. America/Santiago),
    /// the day starts at the first local time that exists.</summary>
    public static DateTimeOffset StartOfDay(TimeZoneInfo zone, DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
