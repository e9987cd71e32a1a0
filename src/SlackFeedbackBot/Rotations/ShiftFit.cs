using SlackFeedbackBot.Rotations.Planning;
using SlackFeedbackBot.Rotations.Storage;

namespace SlackFeedbackBot.Rotations;

/// <summary>Whether a stored shift lies inside a person's working hours, read in their own zone.</summary>
public static class ShiftFit
{
    public static readonly DailyHours DefaultHours = new(new TimeOnly(9, 0), new TimeOnly(17, 0));

    public static bool IsInsideHours(DateTimeOffset start, DateTimeOffset end, DailyHours hours, IReadOnlySet<DayOfWeek> days, TimeZoneInfo zone)
    {
        var firstDay = DateOnly.FromDateTime(LocalTimeResolver.ToLocal(start, zone)).AddDays(-1);
        for (var day = firstDay; day <= firstDay.AddDays(1); day = day.AddDays(1))
        {
            if (days.Contains(day.DayOfWeek)
                && LocalTimeResolver.ToUtc(hours.LocalStartOn(day), zone) <= start
                && end <= LocalTimeResolver.ToUtc(hours.LocalEndOn(day), zone))
                return true;
        }

        return false;
    }

    /// <summary>"06:00–07:00 in America/Los_Angeles, outside their hours (09:00-17:00, mon-fri)", or null when it fits.</summary>
    public static string? OutsideHours(Shift shift, StoredMember? member, TimeZoneInfo zone)
    {
        var hours = member?.WorkingHours ?? DefaultHours;
        var days = member?.WorkingDays ?? RotationDefinition.MondayToFriday;
        return IsInsideHours(shift.Start, shift.End, hours, days, zone)
            ? null
            : $"{ShiftText.When(shift, zone)}, outside working hours of {RotationSettingsText.FormatHours(hours)} ({RotationSettingsText.FormatDays(days)})";
    }
}
