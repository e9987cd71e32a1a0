using SlackFeedbackBot.Rotations.Planning;
using static SlackFeedbackBot.Tests.Rotations.RotationFixtures;

namespace SlackFeedbackBot.Tests.Rotations;

/// <summary>A per-member cadence covers the whole period, with an even load per day, whatever zones people are in.</summary>
public sealed class SpreadPlanningTests
{
    [TestCase(2026, 3)]
    [TestCase(2026, 11)]
    [TestCase(2026, 12)]
    public void TwelveInSixZones_OncePerMonth_CoverAtLeastTenDaysWithAtMostTwoADay(int year, int month)
    {
        var members = TwelveAroundTheWorld();

        var result = Plan(DriftStyle(Dublin), members, Month(year, month, Dublin));

        var perDay = ShiftsPerDay(result.Shifts, Dublin);
        Assert.Multiple(() =>
        {
            Assert.That(result.Unplaced, Is.Empty);
            Assert.That(ShiftCounts(result.Shifts).Values, Is.All.EqualTo(1));
            Assert.That(perDay.Count, Is.GreaterThanOrEqualTo(10), string.Join(", ", perDay.Select(d => $"{d.Key}: {d.Value}")));
            Assert.That(perDay.Values.Max(), Is.LessThanOrEqualTo(2));
            foreach (var shift in result.Shifts)
            {
                var member = members.Single(m => m.UserId == shift.Assignees.Single());
                Assert.That(IsInsideWorkingHours(member, shift), Is.True, $"{shift.Key} for {member.UserId}");
            }
        });
    }

    [Test]
    public void SixPeopleInSixZones_DoNotAllLandOnTheFirstDay()
    {
        var members = new[]
        {
            Member("U0ANA", NewYork), Member("U0BEN", LosAngeles), Member("U0CIARA", Dublin),
            Member("U0DIETER", Berlin), Member("U0PRIYA", Kolkata), Member("U0SAM", Sydney),
        };

        var result = Plan(DriftStyle(Dublin), members, Month(2026, 12, Dublin));

        Assert.That(ShiftsPerDay(result.Shifts, Dublin).Count, Is.EqualTo(6));
    }

    [Test]
    public void FewerWorkingDaysThanShifts_LoadStaysEven()
    {
        var rotation = DriftStyle(Dublin) with { WorkingDays = new HashSet<DayOfWeek> { DayOfWeek.Tuesday } };

        var result = Plan(rotation, TwelveAroundTheWorld(), Month(2026, 12, Dublin));

        var perDay = ShiftsPerDay(result.Shifts, Dublin);
        Assert.Multiple(() =>
        {
            Assert.That(perDay.Count, Is.EqualTo(5), "December 2026 has five Tuesdays");
            Assert.That(perDay.Values.Max() - perDay.Values.Min(), Is.LessThanOrEqualTo(1));
        });
    }

    [Test]
    public void TimeOffOnTheAimedDay_MovesOnlyThatPersonToAnotherDay()
    {
        var members = TwelveAroundTheWorld();
        var before = Plan(DriftStyle(Dublin), members, Month(2026, 12, Dublin));
        var first = before.Shifts.OrderBy(s => s.Start).First();
        var away = new TimeOff(first.Assignees.Single(), first.Start.AddDays(-1), first.End.AddDays(1));

        var after = Plan(DriftStyle(Dublin), members, Month(2026, 12, Dublin), timeOff: [away]);

        var moved = after.Shifts.Single(s => s.Assignees.Contains(away.UserId));
        Assert.Multiple(() =>
        {
            Assert.That(away.Overlaps(moved.Start, moved.End), Is.False);
            Assert.That(ShiftsPerDay(after.Shifts, Dublin).Values.Max(), Is.LessThanOrEqualTo(2));
        });
    }

    [Test]
    public void TwoPeoplePerShift_SameZonePairsStillShareASlot()
    {
        var result = Plan(DriftStyle(Dublin, peoplePerShift: 2), Team(Berlin, 8), Month(2026, 12, Dublin));

        Assert.Multiple(() =>
        {
            Assert.That(result.Shifts, Has.Count.EqualTo(4));
            Assert.That(result.Shifts.Select(s => s.Assignees.Count), Is.All.EqualTo(2));
            Assert.That(ShiftsPerDay(result.Shifts, Dublin).Count, Is.EqualTo(4));
        });
    }

    private static Dictionary<DateOnly, int> ShiftsPerDay(IEnumerable<PlannedShift> shifts, string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        return shifts.GroupBy(s => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(s.Start.UtcDateTime, zone)))
            .ToDictionary(g => g.Key, g => g.Count());
    }
}
