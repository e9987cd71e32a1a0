using SlackFeedbackBot.Rotations.Planning;
using static SlackFeedbackBot.Tests.Rotations.RotationFixtures;

namespace SlackFeedbackBot.Tests.Rotations;

public class RotationValidationTests
{
    [Test]
    public void UnknownMemberZone_FriendlyProblemNamingTheMember()
    {
        var members = new[] { Member("U01", NewYork), Member("U02", "Mars/Olympus_Mons") };

        var error = Assert.Throws<RotationValidationException>(() => Plan(DriftStyle(), members, Month(2026, 3, NewYork)));

        Assert.That(error!.Problems, Is.EqualTo(new[] { "Member U02 has an unknown time zone 'Mars/Olympus_Mons'." }));
    }

    [Test]
    public void SeveralProblems_AllReportedTogether()
    {
        var rotation = DriftStyle(pros: ["UGHOST"]) with { PeoplePerShift = 0, ShiftLength = TimeSpan.FromHours(30) };
        var period = new PlanningPeriod(Utc(2026, 3, 2, 0), Utc(2026, 3, 1, 0));

        var error = Assert.Throws<RotationValidationException>(() => Plan(rotation, Team(NewYork, 2), period));

        Assert.That(error!.Problems, Has.Count.EqualTo(4));
        Assert.That(error.Message, Does.Contain("Support pro UGHOST is not on the roster"));
    }
}
