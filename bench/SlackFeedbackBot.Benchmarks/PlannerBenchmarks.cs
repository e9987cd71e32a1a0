using BenchmarkDotNet.Attributes;
using SlackFeedbackBot.Rotations.Planning;

namespace SlackFeedbackBot.Benchmarks;

/// <summary>
/// Plans a year for 2,000 members spread over twelve time zones, with a year of history
/// (served, skipped, swapped, missed), people joining and leaving, and time off.
/// </summary>
[MemoryDiagnoser]
public class PlannerBenchmarks
{
    private const int MemberCount = 2000;

    private static readonly string[] Zones =
    [
        "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Sao_Paulo", "Europe/London",
        "Europe/Dublin", "Europe/Berlin", "Asia/Kolkata", "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney",
    ];

    private static readonly DailyHours[] Hours =
    [
        new(new TimeOnly(9, 0), new TimeOnly(17, 0)),
        new(new TimeOnly(8, 0), new TimeOnly(16, 0)),
        new(new TimeOnly(10, 0), new TimeOnly(18, 30)),
    ];

    private RotationDefinition _monthly = null!;
    private RotationDefinition _dailyHandoff = null!;
    private RotationMember[] _members = [];
    private TimeOff[] _timeOff = [];
    private LedgerEntry[] _history = [];
    private PlanningPeriod _year = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20260101);
        var yearStart = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _monthly = new RotationDefinition(
            Name: "everyone-does-support",
            SupportChannel: "#support",
            Owners: ["UOWNER"],
            TimeZoneId: "America/New_York",
            ShiftLength: TimeSpan.FromHours(1),
            Cadence: new PerMemberCadence(1, CadencePeriod.Month),
            PeoplePerShift: 6,
            SupportHours: DailyHours.AllDay,
            WorkingDays: RotationDefinition.MondayToFriday,
            Holidays: new HashSet<DateOnly> { new(2026, 1, 1), new(2026, 7, 3), new(2026, 11, 26), new(2026, 12, 25) },
            SupportPros: Enumerable.Range(0, 12).Select(i => $"U{i:D5}").ToArray());
        _dailyHandoff = _monthly with { Cadence = new ContinuousCadence(HandoffInterval.Daily), PeoplePerShift = 2, SupportPros = [] };

        _members = Enumerable.Range(0, MemberCount).Select(i =>
        {
            var joined = i % 50 == 0 ? yearStart.AddDays(random.Next(30, 300)) : yearStart.AddYears(-2);
            DateTimeOffset? left = i % 40 == 1 ? yearStart.AddDays(random.Next(30, 330)) : null;
            return new RotationMember($"U{i:D5}", Zones[i % Zones.Length], Hours[i % Hours.Length], RotationDefinition.MondayToFriday, joined, left);
        }).ToArray();

        _timeOff = _members.Where((_, i) => i % 5 == 0).Select(m =>
        {
            var from = yearStart.AddDays(random.Next(0, 350));
            return new TimeOff(m.UserId, from, from.AddDays(random.Next(1, 15)));
        }).ToArray();

        var outcomes = new[] { ShiftOutcome.Served, ShiftOutcome.Served, ShiftOutcome.Served, ShiftOutcome.Served, ShiftOutcome.SwappedIn, ShiftOutcome.SwappedAway, ShiftOutcome.Skipped, ShiftOutcome.Missed };
        _history = _members.Where(m => m.JoinedAt < yearStart).SelectMany(m => Enumerable.Range(0, 12).Select(month =>
                new LedgerEntry(m.UserId, yearStart.AddMonths(month - 12).AddHours(random.Next(0, 24 * 28)), outcomes[random.Next(outcomes.Length)])))
            .ToArray();

        _year = new PlanningPeriod(new DateTimeOffset(2026, 1, 1, 5, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 5, 0, 0, TimeSpan.Zero));
    }

    [Benchmark(Description = "Plan a year, 2,000 members, one 1h shift a month each")]
    public int PlanYearPerMember() => ShiftPlanner.Plan(_monthly, _members, _timeOff, _history, _year).Shifts.Count;

    [Benchmark(Description = "Plan a year, 2,000 members, daily hand-offs")]
    public int PlanYearDailyHandoff() => ShiftPlanner.Plan(_dailyHandoff, _members, _timeOff, _history, _year).Shifts.Count;
}
