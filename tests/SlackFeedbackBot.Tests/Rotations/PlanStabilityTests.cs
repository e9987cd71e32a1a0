using SlackFeedbackBot.Rotations.Planning;
using static SlackFeedbackBot.Tests.Rotations.RotationFixtures;

namespace SlackFeedbackBot.Tests.Rotations;

public class PlanStabilityTests
{
    private static string[] Describe(PlanResult result) =>
        result.Shifts.Select(s => $"{s.Key}|{s.Start:O}|{s.End:O}|{string.Join(',', s.Assignees)}|{s.Pro}").ToArray();

    [Test]
    public void SameInputInAnyOrder_GivesTheSamePlan()
    {
        var members = TwelveAroundTheWorld().Append(Member("UPRO", Dublin)).ToArray();
        var rotation = DriftStyle(peoplePerShift: 2, pros: ["UPRO"]);
        var history = members.Select((m, i) => new LedgerEntry(m.UserId, Utc(2025, 12, 1 + i, 15), i % 3 == 0 ? ShiftOutcome.SwappedAway : ShiftOutcome.Served)).ToArray();
        var period = Months(2026, 2, 3, NewYork);

        var first = ShiftPlanner.Plan(rotation, members, [], history, period);
        var again = ShiftPlanner.Plan(rotation, members.Reverse().ToArray(), [], history.Reverse().ToArray(), period);

        Assert.Multiple(() =>
        {
            Assert.That(Describe(again), Is.EqualTo(Describe(first)));
            Assert.That(first.Shifts.Select(s => s.Key), Is.Unique);
            Assert.That(first.Shifts[0].Key, Does.StartWith("support-hour:2026-02-"));
        });
    }

    [Test]
    public void ShiftKey_IsRotationNameAndUtcStart()
    {
        Assert.That(PlannedShift.KeyFor("support-hour", new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.FromHours(-4))),
            Is.EqualTo("support-hour:2026-03-09T14:00Z"));
    }

    [Test]
    public void NewTimeOff_MovesOnlyThatPersonAndWhoeverTakesTheirSlot()
    {
        var members = TwelveAroundTheWorld();
        var period = Month(2026, 3, NewYork);
        var before = Plan(DriftStyle(), members, period);
        var dublinShift = before.Shifts.Single(s => s.Assignees.Contains("U05DUB"));
        var dublin = TimeZoneInfo.FindSystemTimeZoneById(Dublin);
        var dayOff = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(dublinShift.Start.UtcDateTime, dublin));

        var after = Plan(DriftStyle(), members, period, [TimeOff.ForDays("U05DUB", dayOff, dayOff, Dublin)]);
        var moves = PlanDiff.Compare(before.Shifts, after.Shifts);

        var own = moves.Single(m => m.UserId == "U05DUB");
        Assert.Multiple(() =>
        {
            Assert.That(own.Before, Is.EqualTo(dublinShift));
            Assert.That(own.After, Is.Not.Null);
            Assert.That(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(own.After!.Start.UtcDateTime, dublin)), Is.Not.EqualTo(dayOff));
            Assert.That(moves.Where(m => m.UserId != "U05DUB").Select(m => m.After?.Key), Is.All.EqualTo(dublinShift.Key),
                "anyone else who moved took over the freed slot");
            Assert.That(after.Shifts.Count(s => s.Assignees.Count > 0), Is.EqualTo(12));
        });
    }

    [Test]
    public void NewTimeOff_ContinuousRotation_OnlyTheAffectedDaysChangeHands()
    {
        var members = Team(NewYork, 4);
        var period = Month(2026, 6, NewYork);
        var before = Plan(Continuous(NewYork), members, period);
        var lastShiftOfU03 = before.Shifts.Last(s => s.Assignees.Contains("U03"));
        var dayOff = new DateOnly(2026, 6, lastShiftOfU03.Start.Day);

        var after = Plan(Continuous(NewYork), members, period, [TimeOff.ForDays("U03", dayOff, dayOff, NewYork)]);
        var moves = PlanDiff.Compare(before.Shifts, after.Shifts);

        Assert.Multiple(() =>
        {
            Assert.That(moves.Select(m => m.UserId), Does.Contain("U03"));
            Assert.That(moves.Where(m => m.UserId == "U03").Select(m => m.Before?.Key), Does.Contain(lastShiftOfU03.Key));
            Assert.That(moves.SelectMany(m => new[] { m.Before?.Start, m.After?.Start }).Where(s => s is not null),
                Is.All.GreaterThanOrEqualTo(lastShiftOfU03.Start), "shifts before the time off are untouched");
        });
    }

    [Test]
    public void Compare_IdenticalPlans_NoMoves()
    {
        var plan = Plan(DriftStyle(), TwelveAroundTheWorld(), Month(2026, 3, NewYork));

        Assert.That(PlanDiff.Compare(plan.Shifts, plan.Shifts), Is.Empty);
    }
}
