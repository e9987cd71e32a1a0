namespace SlackFeedbackBot.Digests;

/// <summary>What a digest covers: the period, the one before it (for the deltas), the zone its weeks are counted in, and a filter.</summary>
public sealed record DigestQuery(DigestPeriod Period, DigestPeriod Previous, TimeZoneInfo Zone, DigestFilter Filter)
{
    /// <summary>The last complete week or month before <paramref name="at"/> in <paramref name="zone"/>.</summary>
    public static DigestQuery LastComplete(DigestPeriodKind kind, TimeZoneInfo zone, DateTimeOffset at, DigestFilter? filter = null)
    {
        var period = DigestPeriods.LastComplete(kind, zone, at);
        return new DigestQuery(period, DigestPeriods.Previous(period, zone), zone, filter ?? DigestFilter.None);
    }

    /// <summary>The week or month that contains <paramref name="now"/>, up to now: what someone asking on demand wants to see.</summary>
    public static DigestQuery SoFar(DigestPeriodKind kind, TimeZoneInfo zone, DateTimeOffset now, DigestFilter? filter = null)
    {
        var period = DigestPeriods.SoFar(kind, zone, now);
        return new DigestQuery(period, DigestPeriods.Previous(period, zone), zone, filter ?? DigestFilter.None);
    }

    /// <summary>
    /// Whole local days <paramref name="first"/> to <paramref name="last"/> (inclusive). A Monday-to-Sunday week is labelled
    /// like a weekly digest ("2026-W48") and a calendar month like a monthly one ("2026-11"); any other range by its dates,
    /// compared with the same number of days just before it.
    /// </summary>
    public static DigestQuery ForDays(DateOnly first, DateOnly last, TimeZoneInfo zone, DigestFilter? filter = null)
    {
        if (last < first)
        {
            throw new ArgumentException("The last day comes before the first.", nameof(last));
        }

        filter ??= DigestFilter.None;
        if (first.DayOfWeek == DayOfWeek.Monday && last == first.AddDays(6))
        {
            var week = DigestPeriods.WeekStarting(zone, first);
            return new DigestQuery(week, DigestPeriods.Previous(week, zone), zone, filter);
        }

        if (first.Day == 1 && last == first.AddMonths(1).AddDays(-1))
        {
            var month = DigestPeriods.MonthStarting(zone, first);
            return new DigestQuery(month, DigestPeriods.Previous(month, zone), zone, filter);
        }

        var days = last.DayNumber - first.DayNumber + 1;
        var kind = days <= 7 ? DigestPeriodKind.Week : DigestPeriodKind.Month;
        var label = $"{Day(first)} to {Day(last)}";
        var period = new DigestPeriod(StartOf(zone, first), StartOf(zone, last.AddDays(1)), label, kind, zone);
        var previous = new DigestPeriod(StartOf(zone, first.AddDays(-days)), period.From, $"{Day(first.AddDays(-days))} to {Day(first.AddDays(-1))}", kind, zone);
        return new DigestQuery(period, previous, zone, filter);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset StartOf(TimeZoneInfo zone, DateOnly day) => DigestPeriods.StartOfDay(zone, day);
}
