using SlackFeedbackBot.Rotations;

namespace SlackFeedbackBot.Tests.Rotations;

public sealed class ShiftTextTests
{
    [TestCase(0, "now")]
    [TestCase(29_999, "now")]
    [TestCase(59_800, "in 1 minute", TestName = "Until_AMinuteLessTheMomentAReminderTakesToFire_IsInOneMinute")]
    [TestCase(599_500, "in 10 minutes")]
    [TestCase(90_000, "in 2 minutes")]
    public void Until_SaysHowLongInWholeMinutes(long milliseconds, string expected) =>
        Assert.That(ShiftText.Until(TimeSpan.FromMilliseconds(milliseconds)), Is.EqualTo(expected));
}
