using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using SlackFeedbackBot.Rotations.Planning;

namespace SlackFeedbackBot.Rotations.Calendar;

/// <summary>
/// Publishes shifts as an iCalendar feed (RFC 5545) that Google Calendar and Outlook subscribe to:
/// UTC times, one event per shift with a UID derived from the shift key so updates replace events.
/// </summary>
public static class RotationCalendar
{
    public const string ProductId = "-//SlackFeedbackBot//Support rotations//EN";

    /// <param name="generatedAt">Stamped on every event (DTSTAMP); pass the current time from a TimeProvider.</param>
    /// <param name="filterUserId">Only shifts this person takes (as assignee or pro); null for all.</param>
    public static string ToIcs(RotationDefinition rotation, IEnumerable<PlannedShift> shifts, DateTimeOffset generatedAt, string? filterUserId = null)
    {
        var calendar = new Ical.Net.Calendar
        {
            ProductId = ProductId,
            Version = "2.0",
            Method = "PUBLISH",
        };
        calendar.AddProperty("X-WR-CALNAME", filterUserId is null ? $"Support: {rotation.Name}" : $"Support: {rotation.Name} ({filterUserId})");

        var stamp = Utc(generatedAt);
        foreach (var shift in shifts.OrderBy(s => s.Start))
        {
            if (filterUserId is not null && !shift.Participants.Contains(filterUserId, StringComparer.Ordinal))
                continue;
            calendar.Events.Add(new CalendarEvent
            {
                Uid = UidFor(shift),
                DtStamp = stamp,
                DtStart = Utc(shift.Start),
                DtEnd = Utc(shift.End),
                Summary = $"Support shift: {rotation.Name}",
                Description = Describe(rotation, shift),
            });
        }

        return new CalendarSerializer().SerializeToString(calendar)
            ?? throw new InvalidOperationException("The calendar could not be written.");
    }

    public static string UidFor(PlannedShift shift) => $"{Uri.EscapeDataString(shift.Key)}@slackfeedbackbot";

    private static string Describe(RotationDefinition rotation, PlannedShift shift)
    {
        var people = string.Join(", ", shift.Assignees);
        var pro = shift.Pro is null ? "" : $" with support pro {shift.Pro}";
        return $"Support channel: {rotation.SupportChannel}. On shift: {people}{pro}.";
    }

    private static CalDateTime Utc(DateTimeOffset instant) => new(instant.UtcDateTime, "UTC", true);
}
