using SlackFeedbackBot.Rotations.Planning;
using static SlackFeedbackBot.Tests.Rotations.RotationFixtures;

namespace SlackFeedbackBot.Tests.Rotations;

public class PerMemberPlanningTests
{
    [TestCase(2026, 3)]
    [TestCase(2026, 10)]
    [TestCase(2026, 11)]
    public void OneHourPerMonth_TwelveMembersInSixZones_EachGetsExactlyOneShiftInsideTheirOwnHours(int year, int month)
    {
        var members = TwelveAroundTheWorld();

        var result = Plan(DriftStyle(), members, Month(year, month, NewYork));

        var counts = ShiftCounts(result.Shifts);
        Assert.Multiple(() =>
        {
            Assert.That(result.Unplaced, Is.Empty);
            Assert.That(counts.Keys, Is.EquivalentTo(members.Select(m => m.UserId)));
            Assert.That(counts.Values, Is.All.EqualTo(1));
            foreach (var shift in result.Shifts)
            {
                var member = members.Single(m => m.UserId == shift.Assignees.Single());
                Assert.That(IsInsideWorkingHours(member, shift), Is.True, $"{shift.Key} for {member.UserId}");
                Assert.That(shift.End - shift.Start, Is.EqualTo(TimeSpan.FromHours(1)));
            }
        });
    }

    [Test]
    public void OneHourPerMonth_SameZoneTeam_ShiftsAreSpreadOverTheMonth()
    {
        var result = Plan(DriftStyle(), Team(NewYork, 10), Month(2026, 4, NewYork));

        var days = result.Shifts.Select(s => s.Start.UtcDateTime.Date).Distinct().Count();
        var firstToLast = result.Shifts.Max(s => s.Start) - result.Shifts.Min(s => s.Start);
        Assert.Multiple(() =>
        {
            Assert.That(result.Shifts, Has.Count.EqualTo(10));
            Assert.That(days, Is.EqualTo(10), "ten members over a month should land on ten different days");
            Assert.That(firstToLast, Is.GreaterThan(TimeSpan.FromDays(20)));
        });
    }

    [Test]
    public void TwoShiftsPerMonth_EachMemberGetsTwoDifferentSlotsInDifferentHalves()
    {
        var rotation = DriftStyle() with { Cadence = new PerMemberCadence(2, CadencePeriod.Month) };

        var result = Plan(rotation, Team(NewYork, 6), Month(2026, 6, NewYork));

        var midMonth = Utc(2026, 6, 16, 0);
        Assert.Multiple(() =>
        {
            Assert.That(ShiftCounts(result.Shifts).Values, Is.All.EqualTo(2));
            foreach (var user in Team(NewYork, 6).Select(m => m.UserId))
            {
                var own = result.Shifts.Where(s => s.Assignees.Contains(user)).OrderBy(s => s.Start).ToArray();
                Assert.That(own[0].Start, Is.LessThan(midMonth), user);
                Assert.That(own[1].Start, Is.GreaterThanOrEqualTo(midMonth), user);
            }
        });
    }

    [Test]
    public void WeeklyPeriod_EachMemberOncePerWeek()
    {
        var rotation = DriftStyle() with { Cadence = new PerMemberCadence(1, CadencePeriod.Week) };
        var period = PlanningPeriod.ForLocalDates(new DateOnly(2026, 5, 4), new DateOnly(2026, 5, 18), NewYork);

        var result = Plan(rotation, Team(NewYork, 3), period);

        var perWeek = result.Shifts.SelectMany(s => s.Assignees.Select(u => (u, Week: s.Start < Utc(2026, 5, 11, 4) ? 1 : 2)))
            .GroupBy(x => x).Select(g => g.Count());
        Assert.Multiple(() =>
        {
            Assert.That(result.Shifts, Has.Count.EqualTo(6));
            Assert.That(perWeek, Is.All.EqualTo(1));
        });
    }

    [Test]
    public void TimeOffForHalfTheMonth_ShiftLandsOutsideIt()
    {
        var members = Team(NewYork, 10);
        var off = new[]
        {
            TimeOff.ForDays("U01", new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 15), NewYork),
            TimeOff.ForDays("U10", new DateOnly(2026, 4, 16), new DateOnly(2026, 4, 30), NewYork),
        };

        var result = Plan(DriftStyle(), members, Month(2026, 4, NewYork), off);

        var u01 = result.Shifts.Single(s => s.Assignees.Contains("U01"));
        var u10 = result.Shifts.Single(s => s.Assignees.Contains("U10"));
        Assert.Multiple(() =>
        {
            Assert.That(off[0].Overlaps(u01.Start, u01.End), Is.False);
            Assert.That(off[1].Overlaps(u10.Start, u10.End), Is.False);
            Assert.That(result.Unplaced, Is.Empty);
        });
    }

    [Test]
    public void TimeOffAllMonth_MemberIsReportedUnplaced()
    {
        var off = new[] { TimeOff.ForDays("U02", new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), NewYork) };

        var result = Plan(DriftStyle(), Team(NewYork, 4), Month(2026, 4, NewYork), off);

        Assert.Multiple(() =>
        {
            Assert.That(ShiftCounts(result.Shifts).Keys, Is.EquivalentTo(new[] { "U01", "U03", "U04" }));
            Assert.That(result.Unplaced, Is.EqualTo(new[] { new UnplacedMember("U02", new DateOnly(2026, 4, 1), UnplacedReason.NoCompatibleSlot) }));
        });
    }

    [Test]
    public void MemberWhoseHoursNeverMeetSupportHours_IsUnplacedWithNoCompatibleSlot()
    {
        var rotation = DriftStyle() with { SupportHours = NineToFive };
        var members = new[] { Member("UNY", NewYork), Member("USYD", Sydney) };

        var result = Plan(rotation, members, Month(2026, 4, NewYork));

        Assert.Multiple(() =>
        {
            Assert.That(ShiftCounts(result.Shifts).Keys, Is.EqualTo(new[] { "UNY" }));
            Assert.That(result.Unplaced.Single().UserId, Is.EqualTo("USYD"));
            Assert.That(result.Unplaced.Single().Reason, Is.EqualTo(UnplacedReason.NoCompatibleSlot));
        });
    }

    [Test]
    public void MoreMembersThanSeats_HighestCreditMembersAreUnplacedForCapacity()
    {
        // Support is one hour a day, so a one-week period has five seats for seven people.
        var rotation = DriftStyle() with
        {
            SupportHours = new DailyHours(new TimeOnly(10, 0), new TimeOnly(11, 0)),
            Cadence = new PerMemberCadence(1, CadencePeriod.Week),
        };
        var members = Team(NewYork, 7);
        var history = new[]
        {
            new LedgerEntry("U02", Utc(2026, 4, 1, 15), ShiftOutcome.Served),
            new LedgerEntry("U05", Utc(2026, 4, 2, 15), ShiftOutcome.Served),
        };
        var period = PlanningPeriod.ForLocalDates(new DateOnly(2026, 5, 4), new DateOnly(2026, 5, 11), NewYork);

        var result = Plan(rotation, members, period, history: history);

        Assert.Multiple(() =>
        {
            Assert.That(result.Shifts, Has.Count.EqualTo(5));
            Assert.That(result.Unplaced.Select(u => u.UserId), Is.EquivalentTo(new[] { "U02", "U05" }));
            Assert.That(result.Unplaced.Select(u => u.Reason), Is.All.EqualTo(UnplacedReason.NoCapacity));
        });
    }

    [Test]
    public void TwoPeoplePerShiftWithProPool_EveryShiftIsFullAndProsTakeTurns()
    {
        var members = Team(NewYork, 8).Append(Member("UPRO1", NewYork)).Append(Member("UPRO2", NewYork)).ToArray();
        var rotation = DriftStyle(peoplePerShift: 2, pros: ["UPRO1", "UPRO2"]);

        var result = Plan(rotation, members, Month(2026, 4, NewYork));

        var proCounts = result.Shifts.GroupBy(s => s.Pro).ToDictionary(g => g.Key ?? "none", g => g.Count());
        Assert.Multiple(() =>
        {
            Assert.That(result.Shifts, Has.Count.EqualTo(4));
            Assert.That(result.Shifts.Select(s => s.Assignees.Count), Is.All.EqualTo(2));
            Assert.That(ShiftCounts(result.Shifts).Keys, Is.EquivalentTo(Team(NewYork, 8).Select(m => m.UserId)), "pros are not in the ordinary pool");
            Assert.That(proCounts, Is.EqualTo(new Dictionary<string, int> { ["UPRO1"] = 2, ["UPRO2"] = 2 }));
            Assert.That(result.UnderstaffedShiftKeys, Is.Empty);
        });
    }
}
