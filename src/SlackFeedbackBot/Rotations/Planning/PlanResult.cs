namespace SlackFeedbackBot.Rotations.Planning;

public enum UnplacedReason
{
    /// <summary>No slot in the period fits the member's working hours and is clear of their time off.</summary>
    NoCompatibleSlot,
    /// <summary>Compatible slots exist but they are all full.</summary>
    NoCapacity,
}

/// <summary>A member who did not get a shift they were due in the period starting on <paramref name="PeriodStart"/> (rotation zone).</summary>
public sealed record UnplacedMember(string UserId, DateOnly PeriodStart, UnplacedReason Reason);

/// <summary>The plan, plus who could not be placed and which shifts are short of people.</summary>
public sealed record PlanResult(
    IReadOnlyList<PlannedShift> Shifts,
    IReadOnlyList<UnplacedMember> Unplaced,
    IReadOnlyList<string> UnderstaffedShiftKeys);
