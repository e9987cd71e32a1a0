using SlackFeedbackBot.Rotations.Planning;

namespace SlackFeedbackBot.Rotations.People;

/// <summary>A stretch of time a person is already taken (another shift, on any rotation).</summary>
public readonly record struct BusySpan(DateTimeOffset Start, DateTimeOffset End)
{
    public bool Overlaps(DateTimeOffset start, DateTimeOffset end) => Start < end && start < End;
}

/// <summary>
/// Free times for a make-up shift after a no-show, found with the planner's own pieces (the member's hours, days and
/// zone, their time off, the rotation's holidays): each slot lies wholly inside the person's working hours on one of
/// their working days, touches none of their time off and overlaps none of their other shifts. Slots start on the
/// hour, at least <see cref="Lead"/> from now, and are spread one per day so the choice means something.
/// </summary>
public static class MakeUpSlots
{
    public static readonly TimeSpan Lead = TimeSpan.FromHours(1);

    public const int DaysAhead = 14;

    public static IReadOnlyList<DateTimeOffset> Find(
        RotationMember member,
        RotationSettings rotation,
        IReadOnlyList<TimeOff> timeOff,
        IReadOnlyList<BusySpan> busy,
        DateTimeOffset now,
        int count = 3)
    {
        var zone = ZoneOf(member, rotation);
        var length = rotation.ShiftLength;
        var earliest = now + Lead;
        var today = DateOnly.FromDateTime(LocalTimeResolver.ToLocal(now, zone));
        var found = new List<DateTimeOffset>();
        for (var day = today; day <= today.AddDays(DaysAhead) && found.Count < count; day = day.AddDays(1))
        {
            if (FirstFreeOn(day, member, rotation, zone, length, timeOff, busy, earliest) is { } start)
            {
                found.Add(start);
            }
        }

        return found;
    }

    /// <summary>Whether a slot found earlier is still free now (the person may have booked something since).</summary>
    public static bool IsFree(
        DateTimeOffset start,
        RotationMember member,
        RotationSettings rotation,
        IReadOnlyList<TimeOff> timeOff,
        IReadOnlyList<BusySpan> busy,
        DateTimeOffset now)
    {
        var zone = ZoneOf(member, rotation);
        var day = DateOnly.FromDateTime(LocalTimeResolver.ToLocal(start, zone));
        return start >= now + Lead && start <= now.AddDays(DaysAhead + 1) && Fits(start, day, member, rotation, zone, rotation.ShiftLength, timeOff, busy);
    }

    private static TimeZoneInfo ZoneOf(RotationMember member, RotationSettings rotation) =>
        ZoneCatalog.TryFind(member.TimeZoneId, out var zone) ? zone : rotation.Zone;

    private static DateTimeOffset? FirstFreeOn(
        DateOnly day, RotationMember member, RotationSettings rotation, TimeZoneInfo zone, TimeSpan length,
        IReadOnlyList<TimeOff> timeOff, IReadOnlyList<BusySpan> busy, DateTimeOffset earliest)
    {
        var windowStart = LocalTimeResolver.ToUtc(member.WorkingHours.LocalStartOn(day), zone);
        var windowEnd = LocalTimeResolver.ToUtc(member.WorkingHours.LocalEndOn(day), zone);
        for (var start = windowStart; start + length <= windowEnd; start = start.AddHours(1))
        {
            if (start >= earliest && Fits(start, day, member, rotation, zone, length, timeOff, busy))
            {
                return start;
            }
        }

        return null;
    }

    private static bool Fits(
        DateTimeOffset start, DateOnly day, RotationMember member, RotationSettings rotation, TimeZoneInfo zone, TimeSpan length,
        IReadOnlyList<TimeOff> timeOff, IReadOnlyList<BusySpan> busy)
    {
        var end = start + length;
        if (!member.WorkingDays.Contains(day.DayOfWeek) || !member.IsOnRotationAt(start))
        {
            return false;
        }

        var rotationDay = DateOnly.FromDateTime(LocalTimeResolver.ToLocal(start, rotation.Zone));
        if (rotation.Holidays.Contains(rotationDay))
        {
            return false;
        }

        var windowStart = LocalTimeResolver.ToUtc(member.WorkingHours.LocalStartOn(day), zone);
        var windowEnd = LocalTimeResolver.ToUtc(member.WorkingHours.LocalEndOn(day), zone);
        return windowStart <= start && end <= windowEnd
            && !timeOff.Any(off => off.UserId == member.UserId && off.Overlaps(start, end))
            && !busy.Any(b => b.Overlaps(start, end));
    }
}
