using SlackFeedbackBot.Rotations.Planning;
using static SlackFeedbackBot.Tests.Rotations.RotationFixtures;

namespace SlackFeedbackBot.Tests.Rotations;

public class ContinuousPlanningTests
{
    [Test]
    public void DailyHandoff_CoversEveryWorkingDayAndSkipsHolidays()
    {
        var stPatricksDay = new DateOnly(2026, 3, 17);
        var rotation = Continuous(Dublin, holidays: new HashSet<DateOnly> { stPatricksDay });

        var result = Plan(rotation, Team(Dublin, 4), Month(2026, 3, Dublin));

        var dublin = TimeZoneInfo.FindSystemTimeZoneById(Dublin);
        var shiftDays = result.Shifts.Select(s => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(s.Start.UtcDateTime, dublin))).ToArray();
        var expectedDays = Enumerable.Range(1, 31).Select(d => new DateOnly(2026, 3, d))
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && d != stPatricksDay);
        Assert.Multiple(() =>
        {
            Assert.That(shiftDays, Is.EqualTo(expectedDays));
            Assert.That(result.Shifts.Select(s => s.Assignees.Count), Is.All.EqualTo(1));
            foreach (var shift in result.Shifts)
            {
                var start = TimeZoneInfo.ConvertTimeFromUtc(shift.Start.UtcDateTime, dublin);
                var end = TimeZoneInfo.ConvertTimeFromUtc(shift.End.UtcDateTime, dublin);
                Assert.That((start.TimeOfDay, end.TimeOfDay), Is.EqualTo((TimeSpan.FromHours(9), TimeSpan.FromHours(17))), shift.Key);
            }
        });
    }

    [Test]
    public void DailyHandoff_NoOneTwiceBeforeEveryoneOnce()
    {
        var members = Team(NewYork, 5);

        var result = Plan(Continuous(NewYork), members, Months(2026, 1, 3, NewYork));

        var order = result.Shifts.Select(s => s.Assignees.Single()).ToArray();
        Assert.That(order, Has.Length.GreaterThan(50));
        for (var round = 0; round + 5 <= order.Length; round += 5)
            Assert.That(order.Skip(round).Take(5), Is.Unique, $"round starting at shift {round}");
    }

    [Test]
    public void DailyHandoff_OnlyMembersWhoseHoursHoldTheWholeShiftAreChosen()
    {
        var rotation = Continuous(NewYork);
        var members = new[] { Member("UNY", NewYork), Member("ULA", LosAngeles), Member("USYD", Sydney) };

        var result = Plan(rotation, members, Month(2026, 2, NewYork));

        Assert.Multiple(() =>
        {
            Assert.That(ShiftCounts(result.Shifts).Keys, Is.EquivalentTo(new[] { "UNY" }), "09:00-17:00 New York is 06:00-14:00 in Los Angeles");
            Assert.That(result.Unplaced.Select(u => u.UserId).Distinct(), Is.Empty.Or.Not.Contains("UNY"));
        });
    }

    [Test]
    public void WeeklyHandoff_SamePersonAllWeekAndTurnsRotate()
    {
        var result = Plan(Continuous(NewYork, HandoffInterval.Weekly), Team(NewYork, 3), Month(2026, 6, NewYork));

        var ny = TimeZoneInfo.FindSystemTimeZoneById(NewYork);
        var byWeek = result.Shifts
            .GroupBy(s => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(s.Start.UtcDateTime, ny)).DayNumber / 7)
            .Select(g => g.Select(s => s.Assignees.Single()).Distinct().ToArray())
            .ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(byWeek.Select(w => w.Length), Is.All.EqualTo(1));
            Assert.That(byWeek.Take(3).Select(w => w[0]), Is.Unique);
        });
    }

    [Test]
    public void WeeklyHandoff_SomeoneOffMidweekIsPassedOverForThatWeek()
    {
        var off = new[] { TimeOff.ForDays("U01", new DateOnly(2026, 6, 3), new DateOnly(2026, 6, 3), NewYork) };

        var result = Plan(Continuous(NewYork, HandoffInterval.Weekly), Team(NewYork, 3), Month(2026, 6, NewYork), off);

        var firstWeek = result.Shifts.Where(s => s.Start < Utc(2026, 6, 8, 0)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(firstWeek, Has.Length.EqualTo(5));
            Assert.That(firstWeek.Select(s => s.Assignees.Single()).Distinct(), Is.EqualTo(new[] { "U02" }));
        });
    }

    [Test]
    public void NobodyAvailable_ShiftIsReportedUnderstaffed()
    {
        var off = new[] { TimeOff.ForDays("U01", new DateOnly(2026, 6, 10), new DateOnly(2026, 6, 10), NewYork) };

        var result = Plan(Continuous(NewYork), Team(NewYork, 1), Month(2026, 6, NewYork), off);

        var tenth = result.Shifts.Single(s => s.Start == Utc(2026, 6, 10, 13));
        Assert.Multiple(() =>
        {
            Assert.That(tenth.Assignees, Is.Empty);
            Assert.That(result.UnderstaffedShiftKeys, Is.EqualTo(new[] { tenth.Key }));
        });
    }

    [Test]
    public void TwoPeoplePerShift_BothSeatsFilledByDifferentPeople()
    {
        var rotation = Continuous(NewYork) with { PeoplePerShift = 2 };

        var result = Plan(rotation, Team(NewYork, 4), Month(2026, 6, NewYork));

        var counts = ShiftCounts(result.Shifts);
        Assert.Multiple(() =>
        {
            Assert.That(result.Shifts.Select(s => s.Assignees.Distinct().Count()), Is.All.EqualTo(2));
            Assert.That(counts.Values.Max() - counts.Values.Min(), Is.LessThanOrEqualTo(1));
        });
    }
}
