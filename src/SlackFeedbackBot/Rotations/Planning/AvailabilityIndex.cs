namespace SlackFeedbackBot.Rotations.Planning;

/// <summary>
/// Answers "can this member take this slot?". Working-hours fit is computed once per distinct
/// (zone, hours, days) pattern over all slots, since large rosters share a handful of patterns;
/// time off and roster dates are checked per member. A public holiday of the member's country (in their own zone) is
/// not a working day for them.
/// </summary>
internal sealed class AvailabilityIndex
{
    private readonly ShiftSlot[] _slots;
    private readonly RotationMember[] _members;
    private readonly TimeOff[][] _timeOff;
    private readonly int[] _patternOfMember;
    private readonly bool[][] _fitsByPattern;

    /// <param name="wholeSlotInsideHours">true: the slot must lie inside the member's working hours; false: overlapping them is enough.</param>
    public AvailabilityIndex(ShiftSlot[] slots, RotationMember[] members, IReadOnlyList<TimeOff> timeOff, bool wholeSlotInsideHours, RotationDefinition? rotation = null)
    {
        _slots = slots;
        _members = members;

        var indexOfUser = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < members.Length; i++)
            indexOfUser[members[i].UserId] = i;
        var timeOffLists = members.Select(_ => new List<TimeOff>()).ToArray();
        foreach (var off in timeOff)
        {
            if (indexOfUser.TryGetValue(off.UserId, out var index))
                timeOffLists[index].Add(off);
        }
        _timeOff = timeOffLists.Select(l => l.ToArray()).ToArray();

        var patternIds = new Dictionary<(string Zone, DailyHours Hours, int Days, string? Country), int>();
        var patterns = new List<bool[]>();
        _patternOfMember = new int[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            var member = members[i];
            var country = rotation is null ? null : member.HolidayCountryOn(rotation);
            var key = (member.TimeZoneId, member.WorkingHours, DayMask(member.WorkingDays), country);
            if (!patternIds.TryGetValue(key, out var pattern))
            {
                pattern = patterns.Count;
                patternIds[key] = pattern;
                patterns.Add(ComputeFit(member, wholeSlotInsideHours, country));
            }
            _patternOfMember[i] = pattern;
        }
        _fitsByPattern = patterns.ToArray();
    }

    public int PatternOf(int member) => _patternOfMember[member];

    public bool FitsHours(int member, int slot) => _fitsByPattern[_patternOfMember[member]][slot];

    /// <summary>On the roster at the slot's start and not on time off during it.</summary>
    public bool IsFree(int member, int slot)
    {
        var slotSpan = _slots[slot];
        if (!_members[member].IsOnRotationAt(slotSpan.Start))
            return false;
        foreach (var off in _timeOff[member])
        {
            if (off.Overlaps(slotSpan.Start, slotSpan.End))
                return false;
        }
        return true;
    }

    public bool IsAvailable(int member, int slot) => FitsHours(member, slot) && IsFree(member, slot);

    private bool[] ComputeFit(RotationMember member, bool wholeSlotInsideHours, string? country)
    {
        var zone = ZoneCatalog.Find(member.TimeZoneId);
        var holidays = country is null || _slots.Length == 0
            ? new Dictionary<DateOnly, string>()
            : PublicHolidayCalendar.Between(country, _slots[0].LocalDate.AddDays(-2), _slots[^1].LocalDate.AddDays(2));
        var windows = new Dictionary<DateOnly, (DateTimeOffset Start, DateTimeOffset End)>();
        var fits = new bool[_slots.Length];
        for (var s = 0; s < _slots.Length; s++)
        {
            var slot = _slots[s];
            var firstDay = DateOnly.FromDateTime(LocalTimeResolver.ToLocal(slot.Start, zone)).AddDays(-1);
            var lastDay = wholeSlotInsideHours ? firstDay.AddDays(1) : DateOnly.FromDateTime(LocalTimeResolver.ToLocal(slot.End, zone));
            for (var day = firstDay; day <= lastDay && !fits[s]; day = day.AddDays(1))
            {
                if (!member.WorkingDays.Contains(day.DayOfWeek) || holidays.ContainsKey(day))
                    continue;
                if (!windows.TryGetValue(day, out var window))
                {
                    window = (LocalTimeResolver.ToUtc(member.WorkingHours.LocalStartOn(day), zone),
                              LocalTimeResolver.ToUtc(member.WorkingHours.LocalEndOn(day), zone));
                    windows[day] = window;
                }
                fits[s] = wholeSlotInsideHours
                    ? window.Start <= slot.Start && slot.End <= window.End
                    : window.Start < slot.End && slot.Start < window.End;
            }
        }
        return fits;
    }

    private static int DayMask(IReadOnlySet<DayOfWeek> days) => days.Aggregate(0, (mask, day) => mask | (1 << (int)day));
}
