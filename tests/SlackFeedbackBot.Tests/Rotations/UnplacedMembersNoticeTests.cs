using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Rotations;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Rotations;

/// <summary>A member the plan cannot place is the owners' to hear about, with why, once per planning window.</summary>
public sealed class UnplacedMembersNoticeTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static bool IsNotice(SlackFeedbackBot.Slack.Api.SlackMessage message) => message.Text.Contains("I could not give", StringComparison.Ordinal);

    [Test]
    public async Task AMemberWhoseHoursNeverMeetTheRotations_IsReportedToTheOwner_WithWhy_AndNotAgainWhenTheWindowIsPlannedAgain()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(Monday);
        var slack = new RotationSlackFake();
        var config = RotationTestHost.Config("support", "UTC", "UANN", "USYD");
        // 09:00-17:00 in Sydney is 22:00-06:00 UTC: it never meets the rotation's 09:00-17:00 UTC.
        config["Rotations:Rotations:0:Members:1:TimeZone"] = "Australia/Sydney";
        using var host = await RotationTestHost.StartAsync(dir.File("bot.db"), time, slack, config);
        await host.WaitForPlanAsync();
        await host.EffectsSentAsync();

        var notices = slack.DmsTo(RotationTestHost.Lead).Where(IsNotice).ToList();
        Assert.That(notices, Has.Count.EqualTo(1), "one DM per owner per window");
        Assert.That(notices[0].Text, Does.Contain("Planning *support* from").And.Contain("<@USYD>")
            .And.Contain("09:00–17:00 Australia/Sydney").And.Contain("no time in the rotation's hours fits").And.Contain("/support edit support hours="));
        Assert.That(notices[0].Text, Does.Not.Contain("<@UANN>"), "only who could not be placed");

        var planning = host.Get<RotationPlanning>();
        var rotation = await host.RotationAsync();
        var inputs = await planning.LoadInputsAsync(rotation, time.GetUtcNow(), CancellationToken.None);
        await planning.ReplanAsync(inputs, inputs, CancellationToken.None);
        await planning.PlanAheadAsync(CancellationToken.None);
        await host.EffectsSentAsync();

        Assert.That(slack.DmsTo(RotationTestHost.Lead).Count(IsNotice), Is.EqualTo(1), "the same window planned again says nothing twice");
        Assert.That(slack.DmsTo("USYD").Where(IsNotice), Is.Empty, "the owners are told, not the member");
        await host.StopAsync();
    }

    [Test]
    public async Task EveryoneFits_NobodyIsTold()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(Monday);
        var slack = new RotationSlackFake();
        using var host = await RotationTestHost.StartAsync(dir.File("bot.db"), time, slack, RotationTestHost.Config("support", "UTC", "UANN", "UBO"));
        await host.WaitForPlanAsync();
        await host.EffectsSentAsync();

        Assert.That(slack.DmsTo(RotationTestHost.Lead).Where(IsNotice), Is.Empty);
        await host.StopAsync();
    }
}
