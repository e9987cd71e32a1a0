namespace SlackFeedbackBot.Rotations.Planning;

/// <summary>
/// Who goes next: fewest credited shifts, then longest since their last shift, then user id (ordinal),
/// so every tie is broken the same way on every run.
/// </summary>
internal readonly record struct RankKey(int Credit, DateTimeOffset LastShift, string UserId, int Member) : IComparable<RankKey>
{
    public int CompareTo(RankKey other)
    {
        var byCredit = Credit.CompareTo(other.Credit);
        if (byCredit != 0)
            return byCredit;
        var byLast = LastShift.CompareTo(other.LastShift);
        return byLast != 0 ? byLast : string.CompareOrdinal(UserId, other.UserId);
    }
}
