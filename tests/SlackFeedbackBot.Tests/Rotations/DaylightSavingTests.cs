using SlackFeedbackBot.Rotations.Planning;
using static SlackFeedbackBot.Tests.Rotations.RotationFixtures;

namespace SlackFeedbackBot.Tests.Rotations;

public class DaylightSavingTests
{
    private static readonly DailyHours NineToTen = new(new TimeOnly(9, 0), new TimeOnly(10, 0));

    private static DateTimeOffset StartOn(PlanResult result, int month, int day) =>
        result.Shifts.Single(s => s.Start.UtcDateTime.Month == month && s.Start.UtcDateTime.Day == day).Start;

    [Test]
    public void NewYork_NineAmShiftIs14ZInWinterAnd13ZInSummer()
    {
        var rotation = Continuous(NewYork, supportHours: NineToTen);
        var period = PlanningPeriod.ForLocalDates(new DateOnly(2026, 3, 2), new DateOnly(2026, 11, 7), NewYork);

        var result = Plan(rotation, Team(NewYork, 2), period);

        Assert.Multiple(() =>
        {
            Assert.That(StartOn(result, 3, 6), Is.EqualTo(Utc(2026, 3, 6, 14)), "Friday before US spring forward");
            Assert.That(StartOn(result, 3, 9), Is.EqualTo(Utc(2026, 3, 9, 13)), "Monday after US spring forward");
            Assert.That(StartOn(result, 10, 30), Is.EqualTo(Utc(2026, 10, 30, 13)), "Friday before US fall back");
            Assert.That(StartOn(result, 11, 2), Is.EqualTo(Utc(2026, 11, 2, 14)), "Monday after US fall back");
            Assert.That(result.Shifts.Select(s => s.End - s.Start), Is.All.EqualTo(TimeSpan.FromHours(1)));
        });
    }

    [Test]
    public void Dublin_NineAmShiftIs09ZInWinterAnd08ZInSummer()
    {
        var rotation = Continuous(Dublin, supportHours: NineToTen);
        var period = PlanningPeriod.ForLocalDates(new DateOnly(2026, 3, 23), new DateOnly(2026, 10, 31), Dublin);

        var result = Plan(rotation, Team(Dublin, 2), period);

        Assert.Multiple(() =>
        {
            Assert.That(StartOn(result, 3, 27), Is.EqualTo(Utc(2026, 3, 27, 9)), "Friday before EU spring forward");
            Assert.That(StartOn(result, 3, 30), Is.EqualTo(Utc(2026, 3, 30, 8)), "Monday after EU spring forward");
            Assert.That(StartOn(result, 10, 23), Is.EqualTo(Utc(2026, 10, 23, 8)), "Friday before EU fall back");
            Assert.That(StartOn(result, 10, 26), Is.EqualTo(Utc(2026, 10, 26, 9)), "Monday after EU fall back");
        });
    }

    [Test]
    public void DublinMemberOnNewYorkRotation_WindowShiftsWhileOnlyOneSideHasChangedClocks()
    {
        // NY support 09:00-17:00; a Dublin member working 09:00-17:00 overlaps 09:00-12:00 NY normally,
        // but 09:00-13:00 NY between the US (8 March) and EU (29 March) changes.
        var rotation = DriftStyle() with { SupportHours = NineToFive, Cadence = new PerMemberCadence(1, CadencePeriod.Week) };
        var member = Member("UDUB", Dublin);
        var period = PlanningPeriod.ForLocalDates(new DateOnly(2026, 3, 2), new DateOnly(2026, 4, 6), NewYork);

        var result = Plan(rotation, [member], period);

        var ny = TimeZoneInfo.FindSystemTimeZoneById(NewYork);
        Assert.Multiple(() =>
        {
            Assert.That(result.Shifts, Has.Count.EqualTo(5));
            foreach (var shift in result.Shifts)
            {
                Assert.That(IsInsideWorkingHours(member, shift), Is.True, shift.Key);
                var nyStart = TimeZoneInfo.ConvertTimeFromUtc(shift.Start.UtcDateTime, ny);
                Assert.That(nyStart.Hour, Is.InRange(9, 12), shift.Key);
            }
        });
    }

    [Test]
    public void SpringForwardGap_TimeIsMovedForwardByTheGap()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById(NewYork);
        var dublin = TimeZoneInfo.FindSystemTimeZoneById(Dublin);

        Assert.Multiple(() =>
        {
            Assert.That(LocalTimeResolver.ToUtc(new DateTime(2026, 3, 8, 2, 30, 0), newYork), Is.EqualTo(Utc(2026, 3, 8, 7, 30)), "02:30 becomes 03:30 EDT");
            Assert.That(LocalTimeResolver.ToUtc(new DateTime(2026, 3, 29, 1, 30, 0), dublin), Is.EqualTo(Utc(2026, 3, 29, 1, 30)), "01:30 becomes 02:30 IST");
        });
    }

    [Test]
    public void FallBackAmbiguity_FirstOccurrenceIsUsed()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById(NewYork);
        var dublin = TimeZoneInfo.FindSystemTimeZoneById(Dublin);

        Assert.Multiple(() =>
        {
            Assert.That(LocalTimeResolver.ToUtc(new DateTime(2026, 11, 1, 1, 30, 0), newYork), Is.EqualTo(Utc(2026, 11, 1, 5, 30)), "01:30 EDT, not EST");
            Assert.That(LocalTimeResolver.ToUtc(new DateTime(2026, 10, 25, 1, 30, 0), dublin), Is.EqualTo(Utc(2026, 10, 25, 0, 30)), "01:30 IST, not GMT");
        });
    }

    [Test]
    public void SlotsOnSpringForwardNight_SlotInsideTheGapIsDroppedAndNeighboursKeepWallClock()
    {
        var rotation = DriftStyle() with
        {
            SupportHours = new DailyHours(new TimeOnly(0, 0), new TimeOnly(5, 0)),
            WorkingDays = new HashSet<DayOfWeek> { DayOfWeek.Sunday },
        };
        var zone = TimeZoneInfo.FindSystemTimeZoneById(NewYork);
        var period = PlanningPeriod.ForLocalDates(new DateOnly(2026, 3, 8), new DateOnly(2026, 3, 9), NewYork);

        var slots = SlotCalendar.Build(rotation, zone, period).Select(s => (s.Start, s.End)).ToArray();

        Assert.That(slots, Is.EqualTo(new[]
        {
            (Utc(2026, 3, 8, 5), Utc(2026, 3, 8, 6)),   // 00:00-01:00 EST
            (Utc(2026, 3, 8, 6), Utc(2026, 3, 8, 7)),   // 01:00 EST-03:00 EDT (02:00 does not exist)
            (Utc(2026, 3, 8, 7), Utc(2026, 3, 8, 8)),   // 03:00-04:00 EDT; 02:00-03:00 is gone
            (Utc(2026, 3, 8, 8), Utc(2026, 3, 8, 9)),   // 04:00-05:00 EDT
        }));
    }

    [Test]
    public void SlotsOnFallBackNight_RepeatedHourBelongsToTheSlotThatSpansIt()
    {
        var rotation = DriftStyle() with
        {
            SupportHours = new DailyHours(new TimeOnly(0, 0), new TimeOnly(4, 0)),
            WorkingDays = new HashSet<DayOfWeek> { DayOfWeek.Sunday },
        };
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Dublin);
        var period = PlanningPeriod.ForLocalDates(new DateOnly(2026, 10, 25), new DateOnly(2026, 10, 26), Dublin);

        var slots = SlotCalendar.Build(rotation, zone, period).Select(s => (s.Start, s.End)).ToArray();

        Assert.That(slots, Is.EqualTo(new[]
        {
            (Utc(2026, 10, 24, 23), Utc(2026, 10, 25, 0)),  // 00:00-01:00 IST
            (Utc(2026, 10, 25, 0), Utc(2026, 10, 25, 2)),   // 01:00 IST-02:00 GMT, two hours long
            (Utc(2026, 10, 25, 2), Utc(2026, 10, 25, 3)),   // 02:00-03:00 GMT
            (Utc(2026, 10, 25, 3), Utc(2026, 10, 25, 4)),   // 03:00-04:00 GMT
        }));
    }
}
