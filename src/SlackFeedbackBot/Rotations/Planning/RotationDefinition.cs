namespace SlackFeedbackBot.Rotations.Planning;

/// <summary>
/// A support rotation. Times of day, working days and holidays are in <see cref="TimeZoneId"/> (IANA id).
/// Support pros are member ids kept out of the ordinary pool: each shift gets one pro on top of
/// <see cref="PeoplePerShift"/> members, and pros take turns fairly among themselves.
/// </summary>
public sealed record RotationDefinition(
    string Name,
    string SupportChannel,
    IReadOnlyList<string> Owners,
    string TimeZoneId,
    TimeSpan ShiftLength,
    RotationCadence Cadence,
    int PeoplePerShift,
    DailyHours SupportHours,
    IReadOnlySet<DayOfWeek> WorkingDays,
    IReadOnlySet<DateOnly> Holidays,
    IReadOnlyList<string> SupportPros)
{
    /// <summary>
    /// Whose public holidays members without a country of their own have off: an ISO code, <see cref="CountryOfEachZone"/>
    /// (the country of each member's time zone) or null for none.
    /// </summary>
    public string? HolidayCountry { get; init; }

    /// <summary>Days the whole company is off (rotation-local dates): no slots at all.</summary>
    public IReadOnlySet<DateOnly> CompanyDaysOff { get; init; } = new HashSet<DateOnly>();

    public const string CountryOfEachZone = "auto";

    public static IReadOnlySet<DayOfWeek> MondayToFriday { get; } = new HashSet<DayOfWeek>
    {
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday,
    };
}
