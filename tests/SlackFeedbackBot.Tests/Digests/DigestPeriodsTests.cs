using SlackFeedbackBot.Digests;

namespace SlackFeedbackBot.Tests.Digests;

public class DigestPeriodsTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Test]
    public void LastCompleteWeek_MidWeek_IsMondayToMondayInTheZone()
    {
        var period = DigestPeriods.LastCompleteWeek(Berlin, Utc(2026, 12, 2, 9));

        Assert.That(period, Is.EqualTo(new DigestPeriod(Utc(2026, 11, 22, 23), Utc(2026, 11, 29, 23), "2026-W48", DigestPeriodKind.Week, Berlin)));
    }

    [Test]
    public void LastCompleteWeek_WhenAutumnDstEnds_Lasts169Hours()
    {
        var period = DigestPeriods.LastCompleteWeek(Berlin, Utc(2026, 10, 28, 9));

        Assert.That(period.Label, Is.EqualTo("2026-W43"));
        Assert.That(period.From, Is.EqualTo(Utc(2026, 10, 18, 22)));
        Assert.That(period.To, Is.EqualTo(Utc(2026, 10, 25, 23)));
        Assert.That(period.To - period.From, Is.EqualTo(TimeSpan.FromHours(169)));
    }

    [Test]
    public void LastCompleteWeek_WhenSpringDstStarts_Lasts167Hours()
    {
        var period = DigestPeriods.LastCompleteWeek(Berlin, Utc(2026, 4, 1, 9));

        Assert.That(period.Label, Is.EqualTo("2026-W13"));
        Assert.That(period.From, Is.EqualTo(Utc(2026, 3, 22, 23)));
        Assert.That(period.To, Is.EqualTo(Utc(2026, 3, 29, 22)));
        Assert.That(period.To - period.From, Is.EqualTo(TimeSpan.FromHours(167)));
    }

    [Test]
    public void LastCompleteWeek_JustAfterLocalMidnightOnMonday_IsTheWeekThatJustEnded()
    {
        // 00:30 on Monday 30 November in Berlin is still Sunday evening in UTC.
        var period = DigestPeriods.LastCompleteWeek(Berlin, Utc(2026, 11, 29, 23, 30));

        Assert.That(period.Label, Is.EqualTo("2026-W48"));
    }

    [Test]
    public void LastCompleteWeek_AtTheYearEnd_UsesTheIsoWeekYear()
    {
        var period = DigestPeriods.LastCompleteWeek(TimeZoneInfo.Utc, Utc(2027, 1, 6));

        Assert.That(period.Label, Is.EqualTo("2026-W53"));
        Assert.That(DigestPeriods.Previous(period, TimeZoneInfo.Utc).Label, Is.EqualTo("2026-W52"));
    }

    [Test]
    public void Previous_WeekAcrossDst_EndsWhereTheWeekStarts()
    {
        var period = DigestPeriods.LastCompleteWeek(Berlin, Utc(2026, 11, 4, 9));

        var previous = DigestPeriods.Previous(period, Berlin);

        Assert.That(period.Label, Is.EqualTo("2026-W44"));
        Assert.That(previous.Label, Is.EqualTo("2026-W43"));
        Assert.That(previous.To, Is.EqualTo(period.From));
        Assert.That(previous.To - previous.From, Is.EqualTo(TimeSpan.FromHours(169)));
    }

    [Test]
    public void LastCompleteMonth_OnTheLastLocalEvening_IsTheMonthBefore()
    {
        // 03:30 UTC on 1 November is still 31 October in New York: October is not complete yet.
        var period = DigestPeriods.LastComplete(DigestPeriodKind.Month, NewYork, Utc(2026, 11, 1, 3, 30));

        Assert.That(period, Is.EqualTo(new DigestPeriod(Utc(2026, 9, 1, 4), Utc(2026, 10, 1, 4), "2026-09", DigestPeriodKind.Month, NewYork)));
    }

    [Test]
    public void LastCompleteMonth_AcrossDst_StartsAndEndsAtLocalMidnight()
    {
        var period = DigestPeriods.LastCompleteMonth(NewYork, Utc(2026, 12, 3));

        Assert.That(period.Label, Is.EqualTo("2026-11"));
        Assert.That(period.From, Is.EqualTo(Utc(2026, 11, 1, 4)));
        Assert.That(period.To, Is.EqualTo(Utc(2026, 12, 1, 5)));
        Assert.That(DigestPeriods.Previous(period, NewYork), Is.EqualTo(
            new DigestPeriod(Utc(2026, 10, 1, 4), Utc(2026, 11, 1, 4), "2026-10", DigestPeriodKind.Month, NewYork)));
    }

    [Test]
    public void LastCompleteMonth_InJanuary_IsDecemberOfTheYearBefore()
    {
        var period = DigestPeriods.LastCompleteMonth(TimeZoneInfo.Utc, Utc(2027, 1, 15));

        Assert.That(period.Label, Is.EqualTo("2026-12"));
        Assert.That(DigestPeriods.Previous(period, TimeZoneInfo.Utc).Label, Is.EqualTo("2026-11"));
    }

    [Test]
    public void LastCompleteWeek_WhereMidnightIsSkipped_StartsAtTheFirstExistingLocalTime()
    {
        // Clocks jump from 00:00 to 01:00 on Monday 2 March 2026 in this zone.
        var start = TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 0, 0, 0), 3, 2);
        var end = TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 4);
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(new DateTime(2026, 1, 1), new DateTime(2026, 12, 31), TimeSpan.FromHours(1), start, end);
        var zone = TimeZoneInfo.CreateCustomTimeZone("Test/MidnightJump", TimeSpan.Zero, "Midnight jump", "Standard", "Daylight", [rule]);

        var period = DigestPeriods.LastCompleteWeek(zone, Utc(2026, 3, 12));

        Assert.That(period.Label, Is.EqualTo("2026-W10"));
        Assert.That(period.From, Is.EqualTo(Utc(2026, 3, 2)));
        Assert.That(period.To, Is.EqualTo(Utc(2026, 3, 8, 23)));
    }

    [Test]
    public void ChartWeeks_EndWithThePeriodsLastWeek_OldestFirst()
    {
        var period = DigestPeriods.LastCompleteMonth(NewYork, Utc(2026, 12, 3));

        var weeks = DigestPeriods.ChartWeeks(period, NewYork, 8);

        Assert.That(weeks, Has.Count.EqualTo(8));
        Assert.That(weeks[^1], Is.EqualTo(new DateOnly(2026, 11, 30)));
        Assert.That(weeks[0], Is.EqualTo(new DateOnly(2026, 10, 12)));
    }

    [Test]
    public void WeekStart_IsTheLocalMonday()
    {
        Assert.That(DigestPeriods.WeekStart(Berlin, Utc(2026, 11, 29, 23, 30)), Is.EqualTo(new DateOnly(2026, 11, 30)));
        Assert.That(DigestPeriods.WeekStart(NewYork, Utc(2026, 11, 30, 3)), Is.EqualTo(new DateOnly(2026, 11, 23)));
    }
}
