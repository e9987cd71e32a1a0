using SlackFeedbackBot.Rotations.Planning;

namespace SlackFeedbackBot.Tests.Rotations;

/// <summary>Fixed rosters and rotations for planner tests; every date is explicit, nothing reads a clock.</summary>
internal static class RotationFixtures
{
    public const string NewYork = "America/New_York";
    public const string LosAngeles = "America/Los_Angeles";
    public const string Dublin = "Europe/Dublin";
    public const string Berlin = "Europe/Berlin";
    public const string Kolkata = "Asia/Kolkata";
    public const string Sydney = "Australia/Sydney";

    public static readonly DateTimeOffset LongAgo = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DailyHours NineToFive = new(new TimeOnly(9, 0), new TimeOnly(17, 0));
    public static readonly IReadOnlySet<DayOfWeek> Weekdays = RotationDefinition.MondayToFriday;

    public static RotationDefinition DriftStyle(string timeZoneId = NewYork, int peoplePerShift = 1, IReadOnlyList<string>? pros = null) => new(
        Name: "support-hour",
        SupportChannel: "#support",
        Owners: ["UOWNER"],
        TimeZoneId: timeZoneId,
        ShiftLength: TimeSpan.FromHours(1),
        Cadence: new PerMemberCadence(1, CadencePeriod.Month),
        PeoplePerShift: peoplePerShift,
        SupportHours: DailyHours.AllDay,
        WorkingDays: Weekdays,
        Holidays: new HashSet<DateOnly>(),
        SupportPros: pros ?? []);

    public static RotationDefinition Continuous(
        string timeZoneId,
        HandoffInterval handoff = HandoffInterval.Daily,
        DailyHours? supportHours = null,
        IReadOnlySet<DateOnly>? holidays = null) => new(
        Name: "front-line",
        SupportChannel: "#help",
        Owners: ["UOWNER"],
        TimeZoneId: timeZoneId,
        ShiftLength: TimeSpan.FromHours(8),
        Cadence: new ContinuousCadence(handoff),
        PeoplePerShift: 1,
        SupportHours: supportHours ?? NineToFive,
        WorkingDays: Weekdays,
        Holidays: holidays ?? new HashSet<DateOnly>(),
        SupportPros: []);

    public static RotationMember Member(string userId, string timeZoneId, DateTimeOffset? joinedAt = null, DateTimeOffset? leftAt = null) =>
        new(userId, timeZoneId, NineToFive, Weekdays, joinedAt ?? LongAgo, leftAt);

    /// <summary>Two people in each of New York, Los Angeles, Dublin, Berlin, Kolkata and Sydney.</summary>
    public static RotationMember[] TwelveAroundTheWorld() =>
    [
        Member("U01NY", NewYork), Member("U02NY", NewYork),
        Member("U03LA", LosAngeles), Member("U04LA", LosAngeles),
        Member("U05DUB", Dublin), Member("U06DUB", Dublin),
        Member("U07BER", Berlin), Member("U08BER", Berlin),
        Member("U09KOL", Kolkata), Member("U10KOL", Kolkata),
        Member("U11SYD", Sydney), Member("U12SYD", Sydney),
    ];

    public static RotationMember[] Team(string timeZoneId, int count) =>
        Enumerable.Range(1, count).Select(i => Member($"U{i:D2}", timeZoneId)).ToArray();

    public static PlanningPeriod Month(int year, int month, string timeZoneId) =>
        PlanningPeriod.ForLocalDates(new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1), timeZoneId);

    public static PlanningPeriod Months(int year, int firstMonth, int count, string timeZoneId) =>
        PlanningPeriod.ForLocalDates(new DateOnly(year, firstMonth, 1), new DateOnly(year, firstMonth, 1).AddMonths(count), timeZoneId);

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    public static PlanResult Plan(RotationDefinition rotation, IReadOnlyList<RotationMember> members, PlanningPeriod period,
        IReadOnlyList<TimeOff>? timeOff = null, IReadOnlyList<LedgerEntry>? history = null) =>
        ShiftPlanner.Plan(rotation, members, timeOff ?? [], history ?? [], period);

    /// <summary>True when the shift lies inside the member's working hours on one of their working days, in their zone.</summary>
    public static bool IsInsideWorkingHours(RotationMember member, PlannedShift shift)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(member.TimeZoneId);
        var localStart = TimeZoneInfo.ConvertTimeFromUtc(shift.Start.UtcDateTime, zone);
        var localEnd = TimeZoneInfo.ConvertTimeFromUtc(shift.End.UtcDateTime, zone);
        return member.WorkingDays.Contains(localStart.DayOfWeek)
            && localStart.Date == localEnd.Date
            && TimeOnly.FromDateTime(localStart) >= member.WorkingHours.Start
            && TimeOnly.FromDateTime(localEnd) <= member.WorkingHours.End;
    }

    public static Dictionary<string, int> ShiftCounts(IEnumerable<PlannedShift> shifts) =>
        shifts.SelectMany(s => s.Assignees).GroupBy(u => u).ToDictionary(g => g.Key, g => g.Count());
}
