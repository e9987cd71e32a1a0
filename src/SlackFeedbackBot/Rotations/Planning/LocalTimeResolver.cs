namespace SlackFeedbackBot.Rotations.Planning;

/// <summary>
/// Turns a wall-clock time in a zone into an instant, with the two DST rules the planner relies on:
/// a time inside the spring-forward gap is moved forward by the gap (02:30 becomes 03:30 local), and
/// an ambiguous fall-back time means its first occurrence (the earlier instant, i.e. daylight time).
/// </summary>
public static class LocalTimeResolver
{
    public static DateTimeOffset ToUtc(DateTime localTime, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(localTime, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            // Reading the skipped time with the offset in force before the jump lands it the gap's length later.
            var before = zone.GetUtcOffset(local.AddDays(-1));
            var after = zone.GetUtcOffset(local.AddDays(1));
            offset = before < after ? before : after;
        }
        else if (zone.IsAmbiguousTime(local))
        {
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return new DateTimeOffset(local - offset, TimeSpan.Zero);
    }

    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(instant.UtcDateTime, zone);
}
