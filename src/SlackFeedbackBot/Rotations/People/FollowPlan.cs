namespace SlackFeedbackBot.Rotations.People;

/// <summary>What one sync changes: who comes onto the rotation and who leaves it.</summary>
public sealed record FollowChanges(IReadOnlyList<string> Enrol, IReadOnlyList<string> Remove)
{
    public bool IsEmpty => Enrol.Count == 0 && Remove.Count == 0;
}

/// <summary>
/// The pure rule of following: everyone in a followed group or channel is on the rotation once; people who came in
/// through a follow leave when they are in none of them any more; people who joined by hand are never taken off by a
/// follow, and people who left by hand are not put back. Deactivated accounts are never enrolled.
/// </summary>
public static class FollowPlan
{
    public static FollowChanges Decide(
        IReadOnlySet<string> wanted,
        IReadOnlySet<string> active,
        IReadOnlySet<string> everMembers,
        IReadOnlyDictionary<string, FollowedMember> followed,
        IReadOnlySet<string> departed)
    {
        var enrol = wanted
            .Where(user => !departed.Contains(user) && !active.Contains(user))
            .Where(user => !everMembers.Contains(user) || (followed.TryGetValue(user, out var f) && f.Removed))
            .Order(StringComparer.Ordinal)
            .ToList();
        var remove = active
            .Where(user => followed.TryGetValue(user, out var f) && !f.Removed)
            .Where(user => !wanted.Contains(user) || departed.Contains(user))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new FollowChanges(enrol, remove);
    }
}
