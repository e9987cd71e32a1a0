using System.Globalization;
using SlackFeedbackBot.Rotations.Planning;
using SlackFeedbackBot.Rotations.Storage;

namespace SlackFeedbackBot.Rotations;

/// <summary>How shifts and people read in messages: times in a given zone, people as Slack mentions.</summary>
public static class ShiftText
{
    public static string When(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone)
    {
        var localStart = LocalTimeResolver.ToLocal(start, zone);
        var localEnd = LocalTimeResolver.ToLocal(end, zone);
        var endText = localEnd.Date == localStart.Date
            ? localEnd.ToString("HH:mm", CultureInfo.InvariantCulture)
            : localEnd.ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);
        return $"{localStart.ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture)}–{endText} ({zone.Id})";
    }

    public static string When(Shift shift, TimeZoneInfo zone) => When(shift.Start, shift.End, zone);

    public static string When(PlannedShift shift, TimeZoneInfo zone) => When(shift.Start, shift.End, zone);

    public static string Time(DateTimeOffset instant, TimeZoneInfo zone) =>
        LocalTimeResolver.ToLocal(instant, zone).ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Mention(string userId) => $"<@{userId}>";

    /// <summary>"*triage* support shift", but "*support* shift" (not "*support* support shift") when the name says it already.</summary>
    public static string ShiftOf(string rotationName) =>
        rotationName.Contains("support", StringComparison.OrdinalIgnoreCase) ? $"*{rotationName}* shift" : $"*{rotationName}* support shift";

    public static string Mentions(IEnumerable<string> userIds) => Join(userIds.Select(Mention).ToList());

    public static string Channel(string channelId) => $"<#{channelId}>";

    /// <summary>"in 1 hour", "in 10 minutes", "in 2 days".</summary>
    public static string Until(TimeSpan span)
    {
        // A reminder fires a moment after its time: a minute less a few milliseconds is still "in 1 minute".
        if (span < TimeSpan.FromSeconds(30))
        {
            return "now";
        }

        if (span.TotalHours < 1)
        {
            var minutes = (int)Math.Round(span.TotalMinutes);
            return $"in {minutes} minute{(minutes == 1 ? "" : "s")}";
        }

        if (span.TotalHours < 36)
        {
            var hours = (int)Math.Round(span.TotalHours);
            return $"in {hours} hour{(hours == 1 ? "" : "s")}";
        }

        var days = (int)Math.Round(span.TotalDays);
        return $"in {days} days";
    }

    private static string Join(IReadOnlyList<string> parts) => parts.Count switch
    {
        0 => "nobody",
        1 => parts[0],
        _ => string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1],
    };
}
