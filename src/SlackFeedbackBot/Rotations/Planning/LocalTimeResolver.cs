namespace SlackFeedbackBot.Rotations.Planning;

/// <summary>
/// Turns a wall-clock time in a zone into an instant, with the two DST rules the planner relies on:
/// a time inside the spring-forward gap is moved forward by the gap (02:30 becomes 03:30 local), and
/// an ambiguous fall-back time means its first occurrence (the earlier instant, i.e. daylight time).
/// </summary>
/// <remarks>
/// Only UTC-to-local lookups are trusted here: TimeZoneInfo's IsInvalidTime and IsAmbiguousTime give
/// wrong answers for zones whose tz data uses negative DST, such as Europe/Dublin. So we take the offsets
/// in force a day either side and keep those that map back to the same wall-clock time.
/// </remarks>
public static class LocalTimeResolver
{
    public static DateTimeOffset ToUtc(DateTime localTime, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(localTime, DateTimeKind.Unspecified);
        var offsetBefore = OffsetAt(local.AddDays(-1), zone);
        var offsetAfter = OffsetAt(local.AddDays(1), zone);
        var beforeFits = OffsetAt(local - offsetBefore, zone) == offsetBefore;
        var afterFits = OffsetAt(local - offsetAfter, zone) == offsetAfter;

        var offset = (beforeFits, afterFits) switch
        {
            (true, true) => offsetBefore > offsetAfter ? offsetBefore : offsetAfter,  // ambiguous: the earlier instant
            (true, false) => offsetBefore,
            (false, true) => offsetAfter,
            // In the gap: read with the offset from before the jump, which lands the gap's length later.
            (false, false) => offsetBefore,
        };
        return new DateTimeOffset(local - offset, TimeSpan.Zero);
    }

    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(instant.UtcDateTime, zone);

    private static TimeSpan OffsetAt(DateTime utcClockReading, TimeZoneInfo zone) =>
        zone.GetUtcOffset(DateTime.SpecifyKind(utcClockReading, DateTimeKind.Utc));
}
