using SlackFeedbackBot.Rotations.People;

namespace SlackFeedbackBot.Tests.Rotations;

/// <summary>Who a follow enrols and takes off: once each, never the people who joined or left by hand, never deactivated accounts.</summary>
public sealed class FollowPlanTests
{
    private static HashSet<string> Set(params string[] users) => new(users, StringComparer.Ordinal);

    private static Dictionary<string, FollowedMember> Followed(params (string User, bool Removed)[] rows) =>
        rows.ToDictionary(r => r.User, r => new FollowedMember(r.User, r.Removed), StringComparer.Ordinal);

    [Test]
    public void Decide_NewPeopleInTheGroup_AreEnrolledOnce_AndHandMembersStay()
    {
        var changes = FollowPlan.Decide(wanted: Set("UA", "UB", "UHAND"), active: Set("UHAND", "UOTHER"), everMembers: Set("UHAND", "UOTHER"), Followed(), departed: Set());

        Assert.That(changes.Enrol, Is.EqualTo(new[] { "UA", "UB" }), "the member who joined by hand is not enrolled again");
        Assert.That(changes.Remove, Is.Empty, "a member who joined by hand is never taken off by a follow");
    }

    [Test]
    public void Decide_SomeoneWhoLeftTheGroup_Leaves_AndComesBackWhenTheyRejoin()
    {
        var left = FollowPlan.Decide(Set("UA"), Set("UA", "UB"), Set("UA", "UB"), Followed(("UA", false), ("UB", false)), Set());
        Assert.That((left.Enrol, left.Remove), Is.EqualTo((Array.Empty<string>(), new[] { "UB" })));

        var back = FollowPlan.Decide(Set("UA", "UB"), Set("UA"), Set("UA", "UB"), Followed(("UA", false), ("UB", true)), Set());
        Assert.That(back.Enrol, Is.EqualTo(new[] { "UB" }));
    }

    [Test]
    public void Decide_SomeoneWhoLeftTheRotationByHand_IsNotPutBack()
    {
        var changes = FollowPlan.Decide(Set("UA", "UB"), Set("UA"), Set("UA", "UB"), Followed(("UA", false), ("UB", false)), Set());

        Assert.That(changes.IsEmpty, Is.True);
    }

    [Test]
    public void Decide_DeactivatedPeople_AreNeverEnrolled_AndLeave()
    {
        var changes = FollowPlan.Decide(Set("UA", "UGONE", "UNEW"), Set("UA"), Set("UA"), Followed(("UA", false)), Set("UA", "UNEW"));

        Assert.That(changes.Enrol, Is.EqualTo(new[] { "UGONE" }), "only Slack's deactivation list matters, not membership");
        Assert.That(changes.Remove, Is.EqualTo(new[] { "UA" }));
    }

    [TestCase("<!subteam^S0SUPNOW01|@support-now>", FollowKind.UserGroup, "S0SUPNOW01")]
    [TestCase("<!subteam^S0SUPNOW01>", FollowKind.UserGroup, "S0SUPNOW01")]
    [TestCase("<#C0SUPPORT1|support>", FollowKind.Channel, "C0SUPPORT1")]
    [TestCase("<#G0LEADS001>", FollowKind.Channel, "G0LEADS001")]
    public void TryReadMarkup_ReadsTheGroupOrChannelSlackEscaped(string text, FollowKind kind, string id)
    {
        var source = FollowTargets.TryReadMarkup(text);

        Assert.That((source?.Kind, source?.Id), Is.EqualTo(((FollowKind?)kind, id)));
    }

    [TestCase("<@U0ANA00001>")]
    [TestCase("<!here>")]
    [TestCase("#support")]
    [TestCase("<#C0SUPPORT1> and more")]
    [TestCase("")]
    public void TryReadMarkup_AnythingElse_IsNotASource(string text) =>
        Assert.That(FollowTargets.TryReadMarkup(text), Is.Null);

    [Test]
    public void Mention_AGroupIsNamedInPlainWords_NeverAsAPing()
    {
        var group = new FollowSource(FollowKind.UserGroup, "S1", "@every<one>");

        Assert.That(group.Mention, Is.EqualTo("the user group @every&lt;one&gt;"));
        Assert.That(new FollowSource(FollowKind.Channel, "C1").Mention, Is.EqualTo("<#C1>"));
    }
}
