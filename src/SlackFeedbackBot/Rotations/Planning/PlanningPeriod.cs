namespace SlackFeedbackBot.Rotations.Planning;

/// <summary>
/// The instants to plan, [From, To). Shifts starting inside it are planned. Per-member cadences count
/// their shifts per calendar period, so plan whole periods (e.g. from the first of a month to the
/// first of another, in the rotation's zone).
/// </summary>
public sealed record PlanningPeriod(DateTimeOffset From, DateTimeOffset To)
{
    public static PlanningPeriod ForLocalDates(DateOnly firstDay, DateOnly endDayExclusive, string timeZoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        return new PlanningPeriod(
            LocalTimeResolver.ToUtc(firstDay.ToDateTime(TimeOnly.MinValue), zone),
            LocalTimeResolver.ToUtc(endDayExclusive.ToDateTime(TimeOnly.MinValue), zone));
    }
}
