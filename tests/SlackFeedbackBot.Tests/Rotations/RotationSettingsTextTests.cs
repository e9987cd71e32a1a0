using SlackFeedbackBot.Rotations;
using SlackFeedbackBot.Rotations.Planning;

namespace SlackFeedbackBot.Tests.Rotations;

public sealed class RotationSettingsTextTests
{
    private static RotationSettings Base => new() { Name = "support", SupportChannel = "C1" };

    [Test]
    public void Apply_EverySetting_ReadsTheSameWordsAsTheHelpShows()
    {
        var settings = RotationSettingsText.Apply(Base, RotationSettingsText.ParsePairs(
            "channel=<#C9|sup> owners=<@U1>,<@U2> tz=Europe/Berlin shift=90m cadence=2/quarter people=2 hours=08:30-16:00 days=sun-thu holidays=2026-12-24,2026-12-25 pros=<@U3> reminders=1d,1h nudge=10m escalate=45m topic=on usergroup=S1",
            out var rest));

        Assert.That(rest, Is.Empty);
        Assert.That(settings.SupportChannel, Is.EqualTo("C9"));
        Assert.That(settings.Owners, Is.EqualTo(new[] { "U1", "U2" }));
        Assert.That(settings.ShiftLength, Is.EqualTo(TimeSpan.FromMinutes(90)));
        Assert.That(settings.Cadence, Is.EqualTo(new PerMemberCadence(2, CadencePeriod.Quarter)));
        Assert.That(settings.SupportHours, Is.EqualTo(new DailyHours(new TimeOnly(8, 30), new TimeOnly(16, 0))));
        Assert.That(settings.WorkingDays, Is.EquivalentTo(new[] { DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday }));
        Assert.That(settings.Holidays, Has.Count.EqualTo(2));
        Assert.That(settings.ReminderOffsets, Is.EqualTo(new[] { TimeSpan.FromDays(1), TimeSpan.FromHours(1) }));
        Assert.That((settings.NudgeAfter, settings.EscalateAfter, settings.SetTopic, settings.UserGroupId), Is.EqualTo((TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(45), true, "S1")));
        Assert.That(RotationSettingsText.FormatDays(settings.WorkingDays), Is.EqualTo("mon,tue,wed,thu,sun"));
    }

    [Test]
    public void Apply_SeveralBadSettings_ReportsEachAndAppliesNone()
    {
        var ex = Assert.Throws<RotationSettingException>(() => RotationSettingsText.Apply(Base, RotationSettingsText.ParsePairs("tz=Mars/Base cadence=weekly people=0 colour=red", out _)));

        Assert.That(ex!.Message, Does.Contain("Mars/Base").And.Contain("cadence").And.Contain("between 1 and 20").And.Contain("`colour` is not a setting"));
    }

    [Test]
    public void Apply_NudgeAfterEscalation_IsRefused() =>
        Assert.Throws<RotationSettingException>(() => RotationSettingsText.Apply(Base, [new("nudge", "40m")]));

    [TestCase("continuous/weekly")]
    [TestCase("1/month")]
    [TestCase("3/week")]
    public void Cadence_RoundTrips(string text) =>
        Assert.That(RotationSettingsText.FormatCadence(RotationSettingsText.ParseCadence(text)), Is.EqualTo(text));
}
