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
    public static IReadOnlySet<DayOfWeek> MondayToFriday { get; } = new HashSet<DayOfWeek>
    {
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday,
    };
}
