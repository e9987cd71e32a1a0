using SlackFeedbackBot.Rotations.Planning;
using static SlackFeedbackBot.Tests.Rotations.RotationFixtures;

namespace SlackFeedbackBot.Tests.Rotations;

public class FairnessTests
{
    private static LedgerEntry[] EachServed(IEnumerable<string> users, int times, DateTimeOffset from) =>
        users.SelectMany((user, u) => Enumerable.Range(0, times)
                .Select(i => new LedgerEntry(user, from.AddDays(i * 7 + u), ShiftOutcome.Served)))
            .ToArray();

    [Test]
    public void SeveralMonthsWithHistory_EveryoneOncePerMonthAndNoOneTwiceFirst()
    {
        var members = TwelveAroundTheWorld();
        var history = EachServed(members.Select(m => m.UserId), 3, Utc(2025, 9, 1, 12));

        var result = Plan(DriftStyle(), members, Months(2026, 1, 4, NewYork), history: history);

        var ny = TimeZoneInfo.FindSystemTimeZoneById(NewYork);
        var perMonth = result.Shifts
            .GroupBy(s => TimeZoneInfo.ConvertTimeFromUtc(s.Start.UtcDateTime, ny).Month)
            .ToDictionary(g => g.Key, g => ShiftCounts(g));
        Assert.Multiple(() =>
        {
            Assert.That(perMonth.Keys, Is.EquivalentTo(new[] { 1, 2, 3, 4 }));
            foreach (var (month, counts) in perMonth)
            {
                Assert.That(counts.Keys, Is.EquivalentTo(members.Select(m => m.UserId)), $"month {month}");
                Assert.That(counts.Values, Is.All.EqualTo(1), $"month {month}");
            }
        });
    }

    [Test]
    public void LedgerDebt_SkippedAndSwappedAwayGoFirstSwappedInGoesLast()
    {
        var members = Team(NewYork, 4);
        var history = EachServed(["U01", "U02", "U03", "U04"], 2, Utc(2026, 4, 1, 13)).Concat(
        [
            new LedgerEntry("U03", Utc(2026, 5, 4, 13), ShiftOutcome.SwappedAway),
            new LedgerEntry("U01", Utc(2026, 5, 4, 13), ShiftOutcome.SwappedIn),
            new LedgerEntry("U04", Utc(2026, 5, 5, 13), ShiftOutcome.Skipped),
            new LedgerEntry("U02", Utc(2026, 5, 6, 13), ShiftOutcome.Missed),
        ]).ToArray();

        var result = Plan(Continuous(NewYork), members, Month(2026, 6, NewYork), history: history);

        var firstFour = result.Shifts.Take(4).Select(s => s.Assignees.Single()).ToArray();
        // U01 has 3 credits, the others 2; among equals the longest since their last credited shift goes first.
        Assert.That(firstFour, Is.EqualTo(new[] { "U02", "U03", "U04", "U01" }));
    }

    [Test]
    public void Leaver_GetsNothingFromTheMomentTheyLeave()
    {
        var leftAt = Utc(2026, 6, 15, 0);
        var members = Team(NewYork, 3).Select(m => m.UserId == "U02" ? m with { LeftAt = leftAt } : m).ToArray();

        var result = Plan(Continuous(NewYork), members, Month(2026, 6, NewYork));

        var u02 = result.Shifts.Where(s => s.Assignees.Contains("U02")).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(u02, Is.Not.Empty);
            Assert.That(u02.Select(s => s.Start), Is.All.LessThan(leftAt));
            Assert.That(result.Shifts.Where(s => s.Start >= leftAt).Select(s => s.Assignees.Count), Is.All.EqualTo(1));
        });
    }

    [Test]
    public void Leaver_PerMemberCadence_NotPlannedInMonthsAfterLeaving()
    {
        var members = Team(NewYork, 4).Select(m => m.UserId == "U04" ? m with { LeftAt = Utc(2026, 5, 1, 0) } : m).ToArray();

        var result = Plan(DriftStyle(), members, Months(2026, 4, 3, NewYork));

        Assert.Multiple(() =>
        {
            Assert.That(result.Shifts.Where(s => s.Assignees.Contains("U04")).Select(s => s.Start), Is.All.LessThan(Utc(2026, 5, 1, 0)));
            Assert.That(result.Unplaced, Is.Empty);
        });
    }

    [Test]
    public void JoinerBeforeThePlan_StartsAtTheLowestCreditNotZero()
    {
        var joinedAt = Utc(2026, 5, 1, 0);
        var veterans = Team(NewYork, 4);
        var members = veterans.Append(Member("U99", NewYork, joinedAt)).ToArray();
        var history = EachServed(veterans.Select(m => m.UserId), 10, Utc(2026, 1, 5, 14));

        var result = Plan(Continuous(NewYork), members, Month(2026, 6, NewYork), history: history);

        var firstFive = result.Shifts.Take(5).Select(s => s.Assignees.Single()).ToArray();
        var counts = ShiftCounts(result.Shifts);
        Assert.Multiple(() =>
        {
            Assert.That(firstFive, Is.Unique, "the newcomer takes one turn, not ten catch-up shifts");
            Assert.That(counts.Values.Max() - counts.Values.Min(), Is.LessThanOrEqualTo(1));
        });
    }

    [Test]
    public void JoinerDuringThePlan_StartsAtTheCurrentLowestCredit()
    {
        var joinedAt = Utc(2026, 6, 15, 0);
        var members = Team(NewYork, 3).Append(Member("U99", NewYork, joinedAt)).ToArray();

        var result = Plan(Continuous(NewYork), members, Months(2026, 6, 2, NewYork));

        var afterJoining = result.Shifts.Where(s => s.Start >= joinedAt).Select(s => s.Assignees.Single()).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(result.Shifts.Where(s => s.Start < joinedAt).SelectMany(s => s.Assignees), Has.No.Member("U99"));
            for (var round = 0; round + 4 <= afterJoining.Length; round += 4)
                Assert.That(afterJoining.Skip(round).Take(4), Is.Unique, $"round starting at {round}");
        });
    }

    [Test]
    public void JoinerPerMemberCadence_GetsOneShiftInTheirFirstMonthLikeEveryoneElse()
    {
        var members = Team(NewYork, 5).Append(Member("U99", NewYork, Utc(2026, 4, 20, 0))).ToArray();
        var history = EachServed(Team(NewYork, 5).Select(m => m.UserId), 6, Utc(2025, 10, 1, 14));

        var result = Plan(DriftStyle(), members, Months(2026, 4, 2, NewYork), history: history);

        var joinerShifts = result.Shifts.Where(s => s.Assignees.Contains("U99")).Select(s => s.Start).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(joinerShifts, Has.Length.EqualTo(2));
            Assert.That(joinerShifts, Is.All.GreaterThanOrEqualTo(Utc(2026, 4, 20, 0)));
            Assert.That(result.Unplaced, Is.Empty);
        });
    }
}
