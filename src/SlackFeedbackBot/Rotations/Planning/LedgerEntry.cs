namespace SlackFeedbackBot.Rotations.Planning;

public enum ShiftOutcome
{
    /// <summary>Took the shift: credited.</summary>
    Served,
    /// <summary>Was excused from the shift: not credited, so still owes one.</summary>
    Skipped,
    /// <summary>Gave the shift to someone else: not credited, so still owes one.</summary>
    SwappedAway,
    /// <summary>Took someone else's shift: credited.</summary>
    SwappedIn,
    /// <summary>Did not show up: not credited, so still owes one.</summary>
    Missed,
}

/// <summary>One line of a rotation's history: what happened to a person's shift.</summary>
public sealed record LedgerEntry(string UserId, DateTimeOffset ShiftStart, ShiftOutcome Outcome)
{
    public bool IsCredited => Outcome is ShiftOutcome.Served or ShiftOutcome.SwappedIn;
}
