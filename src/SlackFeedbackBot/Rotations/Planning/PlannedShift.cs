namespace SlackFeedbackBot.Rotations.Planning;

/// <summary>A planned shift; Start and End are UTC. <see cref="Key"/> is stable across re-plans ("rotation:2026-03-09T14:00Z").</summary>
public sealed record PlannedShift(
    string Key,
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyList<string> Assignees,
    string? Pro)
{
    public static string KeyFor(string rotationName, DateTimeOffset start) =>
        $"{rotationName}:{start.UtcDateTime:yyyy-MM-ddTHH:mm}Z";

    /// <summary>Everyone who has to turn up: the assignees and the pro, if any.</summary>
    public IEnumerable<string> Participants => Pro is null ? Assignees : Assignees.Append(Pro);
}
