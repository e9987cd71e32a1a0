using SlackFeedbackBot.Rotations;

namespace SlackFeedbackBot.Tests.Rotations;

public sealed class SupportDatesTests
{
    private static readonly DateOnly Today = new(2026, 11, 25); // a Wednesday

    [TestCase("2026-12-24", "2026-12-24")]
    [TestCase("dec 24", "2026-12-24")]
    [TestCase("24 December", "2026-12-24")]
    [TestCase("Dec 24th", "2026-12-24")]
    [TestCase("jan 2", "2027-01-02")]
    [TestCase("nov 25", "2026-11-25")]
    [TestCase("nov 24", "2027-11-24")]
    [TestCase("today", "2026-11-25")]
    [TestCase("tomorrow", "2026-11-26")]
    [TestCase("next monday", "2026-11-30")]
    [TestCase("friday", "2026-11-27")]
    [TestCase("wednesday", "2026-12-02")]
    public void TryParse_CommonWays_ReadTheRightDay(string text, string expected)
    {
        Assert.That(SupportDates.TryParse(text, Today, out var day), Is.True);
        Assert.That(day, Is.EqualTo(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [TestCase("")]
    [TestCase("soon")]
    [TestCase("2026-13-01")]
    [TestCase("feb 30")]
    [TestCase("next")]
    [TestCase("24/12/2026")]
    public void TryParse_Nonsense_IsRejected(string text) => Assert.That(SupportDates.TryParse(text, Today, out _), Is.False);

    [TestCase("dec 24 to jan 2", "2026-12-24", "2027-01-02")]
    [TestCase("2026-12-24 2026-12-31", "2026-12-24", "2026-12-31")]
    [TestCase("tomorrow next friday", "2026-11-26", "2026-11-27")]
    [TestCase("tomorrow", "2026-11-26", "2026-11-26")]
    public void TryParseRange_ReadsFromAndTo(string text, string from, string to)
    {
        Assert.That(SupportDates.TryParseRange(text, Today, out var f, out var t), Is.True);
        Assert.That((f, t), Is.EqualTo((DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture))));
    }
}
