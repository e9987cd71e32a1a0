namespace SlackFeedbackBot.Rotations.Planning;

/// <summary>
/// Running credit per member: served and swapped-in shifts count, skipped, swapped-away and missed ones
/// do not (so those people still owe a shift). A newcomer starts at the lowest credit of the people already
/// on the rotation when they joined, so they are not handed every catch-up shift. Support pros and ordinary
/// members are compared only within their own group.
/// </summary>
internal sealed class FairnessLedger
{
    private readonly RotationMember[] _members;
    private readonly bool[] _isPro;
    private readonly int[] _credit;
    private readonly DateTimeOffset[] _lastShift;
    private readonly List<int> _pendingJoiners;
    private readonly bool[] _isPending;

    public FairnessLedger(RotationMember[] members, bool[] isPro, IReadOnlyList<LedgerEntry> history, PlanningPeriod period)
    {
        _members = members;
        _isPro = isPro;
        _credit = new int[members.Length];
        _lastShift = Enumerable.Repeat(DateTimeOffset.MinValue, members.Length).ToArray();

        var indexOfUser = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < members.Length; i++)
            indexOfUser[members[i].UserId] = i;
        var creditedStarts = members.Select(_ => new List<DateTimeOffset>()).ToArray();
        foreach (var entry in history)
        {
            if (!entry.IsCredited || !indexOfUser.TryGetValue(entry.UserId, out var member))
                continue;
            creditedStarts[member].Add(entry.ShiftStart);
            _credit[member]++;
            if (entry.ShiftStart > _lastShift[member])
                _lastShift[member] = entry.ShiftStart;
        }

        var joinOrder = Enumerable.Range(0, members.Length)
            .OrderBy(i => members[i].JoinedAt)
            .ThenBy(i => members[i].UserId, StringComparer.Ordinal)
            .ToArray();
        ApplyHistoricalJoinBaselines(joinOrder, creditedStarts, period.From);
        _pendingJoiners = joinOrder.Where(i => members[i].JoinedAt >= period.From).ToList();
        _isPending = new bool[members.Length];
        foreach (var joiner in _pendingJoiners)
            _isPending[joiner] = true;
    }

    public RankKey KeyOf(int member) => new(_credit[member], _lastShift[member], _members[member].UserId, member);

    public void Credit(int member, DateTimeOffset shiftStart, int shifts = 1)
    {
        _credit[member] += shifts;
        if (shiftStart > _lastShift[member])
            _lastShift[member] = shiftStart;
    }

    /// <summary>
    /// Lifts members of the given group who join during the plan, up to <paramref name="upTo"/>, to the lowest
    /// credit among those already on the rotation. Returns the members whose credit may have changed.
    /// </summary>
    public IReadOnlyList<int> ActivateJoiners(DateTimeOffset upTo, bool pros)
    {
        var activated = new List<int>();
        foreach (var joiner in _pendingJoiners)
        {
            if (_isPro[joiner] != pros || _members[joiner].JoinedAt > upTo)
                continue;
            var joinedAt = _members[joiner].JoinedAt;
            var lowest = int.MaxValue;
            for (var other = 0; other < _members.Length; other++)
            {
                if (other != joiner && _isPro[other] == pros && !_isPending[other] && _members[other].IsOnRotationAt(joinedAt))
                    lowest = Math.Min(lowest, _credit[other]);
            }
            if (lowest != int.MaxValue && lowest > _credit[joiner])
                _credit[joiner] = lowest;
            activated.Add(joiner);
        }
        foreach (var joiner in activated)
            _isPending[joiner] = false;
        _pendingJoiners.RemoveAll(joiner => !_isPending[joiner]);
        return activated;
    }

    private void ApplyHistoricalJoinBaselines(int[] joinOrder, List<DateTimeOffset>[] creditedStarts, DateTimeOffset planStart)
    {
        var sortedStarts = creditedStarts.Select(l => l.Order().ToArray()).ToArray();
        var earliestCredit = sortedStarts.Where(s => s.Length > 0).Select(s => s[0]).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        var baseline = new int[_members.Length];
        for (var position = 0; position < joinOrder.Length; position++)
        {
            var joiner = joinOrder[position];
            var joinedAt = _members[joiner].JoinedAt;
            if (joinedAt >= planStart || joinedAt <= earliestCredit)
                continue;
            var lowest = int.MaxValue;
            for (var earlier = 0; earlier < position; earlier++)
            {
                var other = joinOrder[earlier];
                if (_isPro[other] != _isPro[joiner] || _members[other].JoinedAt >= joinedAt || !_members[other].IsOnRotationAt(joinedAt))
                    continue;
                lowest = Math.Min(lowest, baseline[other] + CountBefore(sortedStarts[other], joinedAt));
            }
            if (lowest == int.MaxValue)
                continue;
            // Credits the joiner already has from before joining (a returning member) count towards the baseline.
            baseline[joiner] = Math.Max(0, lowest - CountBefore(sortedStarts[joiner], joinedAt));
            _credit[joiner] += baseline[joiner];
        }
    }

    private static int CountBefore(DateTimeOffset[] sortedStarts, DateTimeOffset instant)
    {
        var index = Array.BinarySearch(sortedStarts, instant);
        if (index < 0)
            return ~index;
        while (index > 0 && sortedStarts[index - 1] == instant)
            index--;
        return index;
    }
}
