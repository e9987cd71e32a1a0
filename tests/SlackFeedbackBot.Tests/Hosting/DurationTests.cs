using System.ComponentModel;
using Microsoft.Extensions.Configuration;
using SlackFeedbackBot.Rotations;
using SlackFeedbackBot.Slack.Configuration;

namespace SlackFeedbackBot.Tests.Hosting;

public sealed class DurationTests
{
    [TestCase("1h", 0, 1, 0, 0, 0)]
    [TestCase("10m", 0, 0, 10, 0, 0)]
    [TestCase("90s", 0, 0, 1, 30, 0)]
    [TestCase("500ms", 0, 0, 0, 0, 500)]
    [TestCase("1d", 1, 0, 0, 0, 0)]
    [TestCase("1h30m", 0, 1, 30, 0, 0)]
    [TestCase("2.5s", 0, 0, 0, 2, 500)]
    [TestCase("1.5h", 0, 1, 30, 0, 0)]
    [TestCase(" 10M ", 0, 0, 10, 0, 0)]
    [TestCase("00:00:10", 0, 0, 0, 10, 0)]
    [TestCase("01:30:00", 0, 1, 30, 0, 0)]
    [TestCase("1:30:00", 0, 1, 30, 0, 0)]
    [TestCase("-00:00:01.5", 0, 0, 0, -1, -500)]
    [TestCase("00:00:02.5", 0, 0, 0, 2, 500)]
    [TestCase("2.03:00:00", 2, 3, 0, 0, 0)]
    [TestCase("0", 0, 0, 0, 0, 0)]
    public void Parse_ReadsEveryDocumentedForm(string text, int days, int hours, int minutes, int seconds, int milliseconds) =>
        Assert.That(Duration.Parse(text), Is.EqualTo(new TimeSpan(days, hours, minutes, seconds, milliseconds)));

    [TestCase("-1s", -1000)]
    [TestCase("-00:00:01", -1000)]
    public void Parse_ReadsNegativeDurations_SoValidationCanSayTheyAreTooShort(string text, int milliseconds) =>
        Assert.That(Duration.Parse(text), Is.EqualTo(TimeSpan.FromMilliseconds(milliseconds)));

    [TestCase("10min")]
    [TestCase("10")]
    [TestCase("1 h")]
    [TestCase("1h1h")]
    [TestCase("h")]
    [TestCase("")]
    [TestCase("ten minutes")]
    [TestCase("25:00:00")]
    [TestCase("1:2")]
    [TestCase("99999999999999999d")]
    public void Parse_RefusesOtherForms_NamingTheSyntax(string text)
    {
        var error = Assert.Throws<FormatException>(() => Duration.Parse(text));

        Assert.That(error!.Message, Does.Contain("1d, 1h, 10m, 90s, 500ms").And.Contain("hh:mm:ss"));
        Assert.That(error.Message.Split('\n'), Has.Length.EqualTo(1));
    }

    [TestCase(0, 0, 0, 10, 0, "10s")]
    [TestCase(0, 0, 10, 0, 0, "10m")]
    [TestCase(0, 1, 30, 0, 0, "1h30m")]
    [TestCase(1, 0, 0, 0, 0, "1d")]
    [TestCase(0, 0, 0, 2, 500, "2.5s")]
    [TestCase(0, 0, 0, 0, 500, "500ms")]
    [TestCase(0, 0, 0, 0, 0, "0")]
    public void Format_WritesWhatParseReadsBack(int days, int hours, int minutes, int seconds, int milliseconds, string expected)
    {
        var value = new TimeSpan(days, hours, minutes, seconds, milliseconds);

        Assert.That(Duration.Format(value), Is.EqualTo(expected));
        Assert.That(Duration.Parse(expected), Is.EqualTo(value));
    }

    private sealed class Timings
    {
        public TimeSpan Wait { get; set; }

        public TimeSpan? Optional { get; set; }
    }

    [Test]
    public void ConfigurationBinding_ReadsTimeSpansWithTheDurationSyntax()
    {
        DurationConverter.Register();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Wait"] = "90s",
            ["Optional"] = "1h30m",
        }).Build();

        var timings = configuration.Get<Timings>()!;

        Assert.That(timings.Wait, Is.EqualTo(TimeSpan.FromSeconds(90)));
        Assert.That(timings.Optional, Is.EqualTo(TimeSpan.FromMinutes(90)));
        Assert.That(TypeDescriptor.GetConverter(typeof(TimeSpan)), Is.InstanceOf<DurationConverter>());
    }

    [Test]
    public void RotationSettings_UseTheSameSyntax()
    {
        Assert.That(RotationSettingsText.ParseDuration("90s"), Is.EqualTo(TimeSpan.FromSeconds(90)));
        Assert.That(RotationSettingsText.ParseDuration("1h30m"), Is.EqualTo(TimeSpan.FromMinutes(90)));
        Assert.That(RotationSettingsText.ParseDuration("01:00:00"), Is.EqualTo(TimeSpan.FromHours(1)));
        Assert.Throws<RotationSettingException>(() => RotationSettingsText.ParseDuration("10min"));
        Assert.Throws<RotationSettingException>(() => RotationSettingsText.ParseDuration("10"));
    }
}
