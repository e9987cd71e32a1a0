using SlackFeedbackBot.Slack.Transports.SocketMode;

namespace SlackFeedbackBot.Tests.Transports;

public class ReconnectBackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    [TestCase(1, 1.0)]
    [TestCase(2, 2.0)]
    [TestCase(3, 4.0)]
    [TestCase(5, 16.0)]
    [TestCase(6, 30.0)]
    [TestCase(40, 30.0)]
    public void DelayDoublesPerFailureUpToTheCap(int failures, double ceilingSeconds)
    {
        var highest = new ReconnectBackoff(Base, Cap, () => 1.0).DelayFor(failures);
        var lowest = new ReconnectBackoff(Base, Cap, () => 0.0).DelayFor(failures);

        Assert.That(highest, Is.EqualTo(TimeSpan.FromSeconds(ceilingSeconds)));
        Assert.That(lowest, Is.EqualTo(TimeSpan.FromSeconds(ceilingSeconds / 2)));
    }

    [Test]
    public void JitterSpreadsTheDelayBetweenHalfAndAll()
    {
        var delay = new ReconnectBackoff(Base, Cap, () => 0.5).DelayFor(3);

        Assert.That(delay, Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public void NoFailures_NoDelay()
    {
        Assert.That(new ReconnectBackoff(Base, Cap, () => 1.0).DelayFor(0), Is.EqualTo(TimeSpan.Zero));
    }
}
