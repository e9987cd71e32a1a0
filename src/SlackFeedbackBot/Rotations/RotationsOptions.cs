namespace SlackFeedbackBot.Rotations;

/// <summary>
/// Section <c>Rotations</c>: who may create and edit rotations, how far ahead shifts are planned, and rotations
/// declared in configuration. Declared definition fields win at every start; membership changes and time off made
/// from Slack live in the database.
/// </summary>
public sealed class RotationsOptions
{
    public const string Section = "Rotations";

    /// <summary>Slack user ids allowed to create and edit rotations.</summary>
    public List<string> Admins { get; set; } = [];

    /// <summary>Shifts are planned at least this many days ahead (rounded up to the end of a cadence period).</summary>
    public int PlanAheadDays { get; set; } = 42;

    /// <summary>Cron expression (UTC) of the daily planning run; planning also runs at every start.</summary>
    public string PlanningCron { get; set; } = "0 0 3 * * ?";

    /// <summary>Days the whole company is off (yyyy-MM-dd, in each rotation's zone): no shifts on any rotation.</summary>
    public List<string> CompanyDaysOff { get; set; } = [];

    public List<DeclaredRotation> Rotations { get; set; } = [];

    /// <summary><see cref="CompanyDaysOff"/> as dates; the validator has refused any that does not parse.</summary>
    public IReadOnlySet<DateOnly> CompanyDays() => RotationSettingsText.ParseHolidays(string.Join(",", CompanyDaysOff));
}

/// <summary>A rotation declared in configuration. Text fields use the same words as <c>/support edit</c>.</summary>
public sealed class DeclaredRotation
{
    public string Name { get; set; } = "";
    public string SupportChannel { get; set; } = "";
    public List<string> Owners { get; set; } = [];
    public string TimeZone { get; set; } = "UTC";
    public string ShiftLength { get; set; } = "1h";
    public string Cadence { get; set; } = "1/month";
    public int PeoplePerShift { get; set; } = 1;
    public string SupportHours { get; set; } = "09:00-17:00";
    public string WorkingDays { get; set; } = "mon-fri";
    public List<string> Holidays { get; set; } = [];
    public string? HolidayCountry { get; set; } = "auto";
    public List<string> SupportPros { get; set; } = [];
    /// <summary>
    /// Null (not set) means 24h, 1h and 10m. A default list here would be appended to, not replaced, by the
    /// configuration binder, so declared offsets would come on top of the defaults.
    /// </summary>
    public List<string>? ReminderOffsets { get; set; }
    public string NudgeAfter { get; set; } = "5m";
    public string EscalateAfter { get; set; } = "30m";
    public bool SetTopic { get; set; }
    public string? UserGroupId { get; set; }
    public List<DeclaredMember> Members { get; set; } = [];

    public IEnumerable<KeyValuePair<string, string>> AsSettings() =>
        AsNamedSettings().Select(s => new KeyValuePair<string, string>(s.Key, s.Value));

    /// <summary>Each field as the <c>/support edit</c> key=value it stands for, with the property it comes from.</summary>
    public IEnumerable<(string Property, string Key, string Value)> AsNamedSettings() =>
        RotationSettingDescriptors.All.Select(d => (d.Property, d.Key, d.FromDeclared(this)));
}

public sealed class DeclaredMember
{
    public string UserId { get; set; } = "";

    /// <summary>Overrides the time zone Slack has for the person.</summary>
    public string? TimeZone { get; set; }

    public string WorkingHours { get; set; } = "09:00-17:00";
    public string WorkingDays { get; set; } = "mon-fri";

    /// <summary>ISO code of the country whose public holidays the person has off; overrides the rotation's.</summary>
    public string? HolidayCountry { get; set; }
}
