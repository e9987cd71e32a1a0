namespace SlackFeedbackBot.Rotations.Planning;

/// <summary>
/// A person on the roster. Working hours and days are wall-clock in the member's own
/// <see cref="TimeZoneId"/> (IANA id, from Slack's users.info tz unless overridden).
/// A member is on the rotation from <see cref="JoinedAt"/> until <see cref="LeftAt"/> (exclusive).
/// </summary>
public sealed record RotationMember(
    string UserId,
    string TimeZoneId,
    DailyHours WorkingHours,
    IReadOnlySet<DayOfWeek> WorkingDays,
    DateTimeOffset JoinedAt,
    DateTimeOffset? LeftAt = null)
{
    /// <summary>ISO code of the country whose public holidays the person has off; null: the rotation's.</summary>
    public string? HolidayCountry { get; init; }

    /// <summary>The country whose public holidays this person has off on <paramref name="rotation"/>, if any.</summary>
    public string? HolidayCountryOn(RotationDefinition rotation) =>
        HolidayCountry ?? (rotation.HolidayCountry == RotationDefinition.CountryOfEachZone
            ? PublicHolidayCalendar.CountryOfZone(TimeZoneId)
            : rotation.HolidayCountry);

    public bool IsOnRotationAt(DateTimeOffset instant) =>
        JoinedAt <= instant && (LeftAt is null || instant < LeftAt.Value);
}
