using SlackFeedbackBot.Rotations.Planning;

namespace SlackFeedbackBot.Rotations;

/// <summary>
/// A rotation as the bot stores it: the planner's definition plus what the bot does around each shift
/// (reminder offsets, no-show nudges, channel topic, user group).
/// </summary>
public sealed record RotationSettings
{
    public long Id { get; init; }
    public required string Name { get; init; }
    public required string SupportChannel { get; init; }
    public IReadOnlyList<string> Owners { get; init; } = [];
    public string TimeZone { get; init; } = "UTC";
    public TimeSpan ShiftLength { get; init; } = TimeSpan.FromHours(1);
    public RotationCadence Cadence { get; init; } = new PerMemberCadence(1, CadencePeriod.Month);
    public int PeoplePerShift { get; init; } = 1;
    public DailyHours SupportHours { get; init; } = new(new TimeOnly(9, 0), new TimeOnly(17, 0));
    public IReadOnlySet<DayOfWeek> WorkingDays { get; init; } = RotationDefinition.MondayToFriday;
    public IReadOnlySet<DateOnly> Holidays { get; init; } = new HashSet<DateOnly>();

    /// <summary>ISO code of the country whose public holidays get no shifts, for members who set no country of their own.</summary>
    public string? HolidayCountry { get; init; } = RotationDefinition.CountryOfEachZone;
    public IReadOnlyList<string> SupportPros { get; init; } = [];
    public IReadOnlyList<TimeSpan> ReminderOffsets { get; init; } = DefaultReminderOffsets;
    public TimeSpan NudgeAfter { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan EscalateAfter { get; init; } = TimeSpan.FromMinutes(30);
    public bool SetTopic { get; init; }
    public string? UserGroupId { get; init; }

    /// <summary>24 hours, 1 hour and 10 minutes before: the no-show advice for customer calls.</summary>
    public static IReadOnlyList<TimeSpan> DefaultReminderOffsets { get; } =
        [TimeSpan.FromHours(24), TimeSpan.FromHours(1), TimeSpan.FromMinutes(10)];

    public RotationDefinition ToDefinition() => new(
        Name, SupportChannel, Owners, TimeZone, ShiftLength, Cadence, PeoplePerShift, SupportHours, WorkingDays, Holidays, SupportPros)
    {
        HolidayCountry = HolidayCountry,
    };

    public TimeZoneInfo Zone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
