using System.Globalization;

namespace SlackFeedbackBot.Rotations;

/// <summary>
/// One rotation setting, described once: the word people type (<c>key=value</c>), how it parses and prints, the
/// <c>rotations</c> column it is stored in and the <see cref="DeclaredRotation"/> property it is configured with.
/// The text parser, <c>/support edit</c>'s summary, the repository and the configuration binding all read this list.
/// </summary>
/// <param name="Apply">Parses the text form onto the settings; throws <see cref="RotationSettingException"/> when it does not parse.</param>
/// <param name="Format">The text form, which <paramref name="Apply"/> reads back to the same value.</param>
/// <param name="ToColumn">The value stored in <paramref name="Column"/>.</param>
/// <param name="FromColumn">Reads the stored value back onto the settings.</param>
/// <param name="FromDeclared">The text form of the configured value.</param>
public sealed record RotationSettingDescriptor(
    string Key,
    string Column,
    string Property,
    string Description,
    Func<RotationSettings, string, RotationSettings> Apply,
    Func<RotationSettings, string> Format,
    Func<RotationSettings, object?> ToColumn,
    Func<RotationSettings, object?, RotationSettings> FromColumn,
    Func<DeclaredRotation, string> FromDeclared,
    IReadOnlyList<string>? Aliases = null)
{
    /// <summary>Shown by <c>/support create</c> and <c>edit</c> after what they changed; the channel and owners are said elsewhere.</summary>
    public bool InSummary { get; init; } = true;

    public bool Answers(string key) =>
        Key.Equals(key, StringComparison.OrdinalIgnoreCase) || (Aliases?.Contains(key, StringComparer.OrdinalIgnoreCase) ?? false);
}

/// <summary>Every rotation setting. A new setting is one entry here, a property on the two records and a migration adding its column.</summary>
public static class RotationSettingDescriptors
{
    public static IReadOnlyList<RotationSettingDescriptor> All { get; } =
    [
        new("channel", "support_channel", nameof(DeclaredRotation.SupportChannel), "The channel where support is given, picked with #.",
            (s, v) => s with { SupportChannel = RotationSettingsText.ParseChannel(v) },
            s => s.SupportChannel,
            s => s.SupportChannel,
            (s, c) => s with { SupportChannel = Text(c) },
            d => d.SupportChannel) { InSummary = false },
        new("owners", "owners", nameof(DeclaredRotation.Owners), "People told when a shift goes unstaffed, mentioned with @.",
            (s, v) => s with { Owners = RotationSettingsText.ParseUsers(v) },
            s => string.Join(",", s.Owners),
            s => string.Join(",", s.Owners),
            (s, c) => s with { Owners = SplitIds(Text(c)) },
            d => string.Join(",", d.Owners)) { InSummary = false },
        new("tz", "time_zone", nameof(DeclaredRotation.TimeZone), "The rotation's time zone (IANA), which support hours, days and holidays are in.",
            (s, v) => s with { TimeZone = RotationSettingsText.ParseZone(v) },
            s => s.TimeZone,
            s => s.TimeZone,
            (s, c) => s with { TimeZone = Text(c) },
            d => d.TimeZone,
            ["timezone"]),
        new("shift", "shift_minutes", nameof(DeclaredRotation.ShiftLength), "How long one shift is: 1h, 30m, 1h30m.",
            (s, v) => s with { ShiftLength = RotationSettingsText.ParsePositiveDuration(v) },
            s => RotationSettingsText.FormatDuration(s.ShiftLength),
            s => (long)s.ShiftLength.TotalMinutes,
            (s, c) => s with { ShiftLength = TimeSpan.FromMinutes(Number(c)) },
            d => d.ShiftLength),
        new("cadence", "cadence", nameof(DeclaredRotation.Cadence), "How often: N/week, N/month, N/quarter per person, or continuous/daily, continuous/weekly.",
            (s, v) => s with { Cadence = RotationSettingsText.ParseCadence(v) },
            s => RotationSettingsText.FormatCadence(s.Cadence),
            s => RotationSettingsText.FormatCadence(s.Cadence),
            (s, c) => s with { Cadence = RotationSettingsText.ParseCadence(Text(c)) },
            d => d.Cadence),
        new("people", "people_per_shift", nameof(DeclaredRotation.PeoplePerShift), "People per shift (1-20), not counting the support pro.",
            (s, v) => s with { PeoplePerShift = RotationSettingsText.ParseCount(v) },
            s => s.PeoplePerShift.ToString(CultureInfo.InvariantCulture),
            s => (long)s.PeoplePerShift,
            (s, c) => s with { PeoplePerShift = (int)Number(c) },
            d => d.PeoplePerShift.ToString(CultureInfo.InvariantCulture)),
        new("hours", "support_hours", nameof(DeclaredRotation.SupportHours), "Support hours each working day, in the rotation's zone: 09:00-17:00.",
            (s, v) => s with { SupportHours = RotationSettingsText.ParseHours(v) },
            s => RotationSettingsText.FormatHours(s.SupportHours),
            s => RotationSettingsText.FormatHours(s.SupportHours),
            (s, c) => s with { SupportHours = RotationSettingsText.ParseHours(Text(c)) },
            d => d.SupportHours),
        new("days", "working_days", nameof(DeclaredRotation.WorkingDays), "Days with support: mon-fri, or mon,wed,fri.",
            (s, v) => s with { WorkingDays = RotationSettingsText.ParseDays(v) },
            s => RotationSettingsText.FormatDays(s.WorkingDays),
            s => RotationSettingsText.FormatDays(s.WorkingDays),
            (s, c) => s with { WorkingDays = RotationSettingsText.ParseDays(Text(c)) },
            d => d.WorkingDays),
        new("holidays", "holidays", nameof(DeclaredRotation.Holidays), "Extra days without support for this rotation: 2026-12-24,2026-12-31.",
            (s, v) => s with { Holidays = RotationSettingsText.ParseHolidays(v) },
            s => NoneIfEmpty(RotationSettingsText.FormatHolidays(s.Holidays)),
            s => RotationSettingsText.FormatHolidays(s.Holidays),
            (s, c) => s with { Holidays = RotationSettingsText.ParseHolidays(Text(c)) },
            d => string.Join(",", d.Holidays)),
        new("country", "holiday_country", nameof(DeclaredRotation.HolidayCountry), "Whose public holidays have no shifts: auto (each person's, from their time zone), an ISO code (DE, IE, US) or none; a member's own country wins.",
            (s, v) => s with { HolidayCountry = RotationSettingsText.ParseCountry(v) },
            s => s.HolidayCountry ?? "none",
            s => s.HolidayCountry,
            (s, c) => s with { HolidayCountry = c as string },
            d => d.HolidayCountry ?? "none"),
        new("pros", "support_pros", nameof(DeclaredRotation.SupportPros), "Support pros, one of whom joins every shift, mentioned with @.",
            (s, v) => s with { SupportPros = RotationSettingsText.ParseUsers(v) },
            s => string.Join(",", s.SupportPros),
            s => string.Join(",", s.SupportPros),
            (s, c) => s with { SupportPros = SplitIds(Text(c)) },
            d => string.Join(",", d.SupportPros)) { InSummary = false },
        new("reminders", "reminder_offsets", nameof(DeclaredRotation.ReminderOffsets), "When reminders go out before a shift: 24h,1h,10m, or none.",
            (s, v) => s with { ReminderOffsets = RotationSettingsText.ParseDurations(v) },
            s => s.ReminderOffsets.Count == 0 ? "none" : RotationSettingsText.FormatDurations(s.ReminderOffsets),
            s => string.Join(",", s.ReminderOffsets.Select(o => ((long)o.TotalMinutes).ToString(CultureInfo.InvariantCulture))),
            (s, c) => s with { ReminderOffsets = SplitIds(Text(c)).Select(m => TimeSpan.FromMinutes(long.Parse(m, CultureInfo.InvariantCulture))).ToList() },
            d => d.ReminderOffsets switch
            {
                null => RotationSettingsText.FormatDurations(RotationSettings.DefaultReminderOffsets),
                [] => "none",
                var offsets => string.Join(",", offsets),
            }),
        new("nudge", "nudge_after_minutes", nameof(DeclaredRotation.NudgeAfter), "How long after the start someone who has not said they are there is nudged.",
            (s, v) => s with { NudgeAfter = RotationSettingsText.ParsePositiveDuration(v) },
            s => RotationSettingsText.FormatDuration(s.NudgeAfter),
            s => (long)s.NudgeAfter.TotalMinutes,
            (s, c) => s with { NudgeAfter = TimeSpan.FromMinutes(Number(c)) },
            d => d.NudgeAfter),
        new("escalate", "escalate_after_minutes", nameof(DeclaredRotation.EscalateAfter), "How long after the start the owners are told of a no-show.",
            (s, v) => s with { EscalateAfter = RotationSettingsText.ParsePositiveDuration(v) },
            s => RotationSettingsText.FormatDuration(s.EscalateAfter),
            s => (long)s.EscalateAfter.TotalMinutes,
            (s, c) => s with { EscalateAfter = TimeSpan.FromMinutes(Number(c)) },
            d => d.EscalateAfter),
        new("topic", "set_topic", nameof(DeclaredRotation.SetTopic), "on: the support channel's topic names who is on shift.",
            (s, v) => s with { SetTopic = RotationSettingsText.ParseSwitch(v) },
            s => s.SetTopic ? "on" : "off",
            s => s.SetTopic ? 1L : 0L,
            (s, c) => s with { SetTopic = Number(c) == 1 },
            d => d.SetTopic ? "on" : "off"),
        new("usergroup", "user_group_id", nameof(DeclaredRotation.UserGroupId), "A Slack user group (id) that always holds who is on shift, or none.",
            (s, v) => s with { UserGroupId = RotationSettingsText.IsNone(v) ? null : v.Trim() },
            s => s.UserGroupId ?? "none",
            s => s.UserGroupId,
            (s, c) => s with { UserGroupId = c as string },
            d => d.UserGroupId ?? "none"),
    ];

    public static IReadOnlyList<string> Keys { get; } = All.Select(d => d.Key).ToList();

    public static RotationSettingDescriptor? Find(string key) => All.FirstOrDefault(d => d.Answers(key.Trim()));

    private static string Text(object? column) => column as string ?? "";

    private static long Number(object? column) => Convert.ToInt64(column, CultureInfo.InvariantCulture);

    private static string NoneIfEmpty(string text) => text.Length == 0 ? "none" : text;

    private static IReadOnlyList<string> SplitIds(string ids) =>
        ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
