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
    /// <param name="names">People's names by user id, for what people read (summary, description, attendees' CN); an id
    /// not in it is shown as the id. The id itself stays in each attendee's address, for calendars that match people.</param>
    public static string ToIcs(
        RotationDefinition rotation, IEnumerable<PlannedShift> shifts, DateTimeOffset generatedAt, string? filterUserId = null,
        IReadOnlyDictionary<string, string>? names = null)
    {
        string Name(string userId) => names is not null && names.TryGetValue(userId, out var name) ? name : userId;

        var calendar = new Ical.Net.Calendar
        {
            ProductId = ProductId,
            Version = "2.0",
            Method = "PUBLISH",
        };
        calendar.AddProperty("X-WR-CALNAME", filterUserId is null ? $"Support: {rotation.Name}" : $"Support: {rotation.Name} ({Name(filterUserId)})");

        var stamp = Utc(generatedAt);
        foreach (var shift in shifts.OrderBy(s => s.Start))
        {
            if (filterUserId is not null && !shift.Participants.Contains(filterUserId, StringComparer.Ordinal))
                continue;
            var calendarEvent = new CalendarEvent
            {
                Uid = UidFor(shift),
                DtStamp = stamp,
                DtStart = Utc(shift.Start),
                DtEnd = Utc(shift.End),
                Summary = $"Support shift: {rotation.Name} ({string.Join(", ", shift.Assignees.Select(Name))})",
                Description = Describe(rotation, shift, Name),
                Attendees = shift.Participants
                    .Select(person => new Attendee(AttendeeAddress(person)) { CommonName = Name(person), Role = "REQ-PARTICIPANT" })
                    .ToList(),
            };
            calendar.Events.Add(calendarEvent);
        }

        return new CalendarSerializer().SerializeToString(calendar)
            ?? throw new InvalidOperationException("The calendar could not be written.");
    }

    public static string UidFor(PlannedShift shift) => $"{Uri.EscapeDataString(shift.Key)}@slackfeedbackbot";

    /// <summary>The attendee's calendar address: the Slack user id as a URN (RFC 5545 takes any URI), since no email is known.</summary>
    public static string AttendeeAddress(string userId) => $"urn:x-slack-user:{Uri.EscapeDataString(userId)}";

    private static string Describe(RotationDefinition rotation, PlannedShift shift, Func<string, string> name)
    {
        var people = string.Join(", ", shift.Assignees.Select(name));
        var pro = shift.Pro is null ? "" : $" with support pro {name(shift.Pro)}";
        return $"Support channel: {rotation.SupportChannel}. On shift: {people}{pro}.";
    }

    private static CalDateTime Utc(DateTimeOffset instant) => new(instant.UtcDateTime, "UTC", true);
}
