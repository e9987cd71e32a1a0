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
    public bool IsOnRotationAt(DateTimeOffset instant) =>
        JoinedAt <= instant && (LeftAt is null || instant < LeftAt.Value);
}
