namespace SlackFeedbackBot.Rotations.Planning;

public enum CadencePeriod
{
    Week,
    Month,
    Quarter,
}

public enum HandoffInterval
{
    Daily,
    Weekly,
}

/// <summary>How often shifts come round: per member, or back to back.</summary>
public abstract record RotationCadence;

/// <summary>Each active member gets <paramref name="ShiftsPerPeriod"/> shifts in every calendar period
/// (weeks start on Monday; all periods are taken in the rotation's time zone).</summary>
public sealed record PerMemberCadence(int ShiftsPerPeriod, CadencePeriod Period) : RotationCadence;

/// <summary>
/// Back-to-back shifts covering the support hours of every working day. A shift is one day's support
/// hours (the rotation's shift length is not used). With a weekly hand-off the same people take every
/// daily shift of a Monday-to-Sunday week, so reminders and calendars still show real hours and a
/// holiday simply drops that day.
/// </summary>
public sealed record ContinuousCadence(HandoffInterval Handoff) : RotationCadence;
