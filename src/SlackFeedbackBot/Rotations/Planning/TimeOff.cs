namespace SlackFeedbackBot.Rotations.Planning;

/// <summary>
/// Time away as a half-open interval of instants [From, To), so partial days (an afternoon off)
/// work as well as whole days. <see cref="ForDays"/> builds the usual "days off" case from dates
/// in the member's own time zone.
/// </summary>
public sealed record TimeOff(string UserId, DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>Whole local days <paramref name="firstDay"/> to <paramref name="lastDay"/> inclusive, in <paramref name="timeZoneId"/>.</summary>
    public static TimeOff ForDays(string userId, DateOnly firstDay, DateOnly lastDay, string timeZoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        return new TimeOff(
            userId,
            LocalTimeResolver.ToUtc(firstDay.ToDateTime(TimeOnly.MinValue), zone),
            LocalTimeResolver.ToUtc(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), zone));
    }

    public bool Overlaps(DateTimeOffset start, DateTimeOffset end) => From < end && start < To;
}
