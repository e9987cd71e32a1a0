using SlackFeedbackBot.Rotations;
using SlackFeedbackBot.Rotations.Planning;
using SlackFeedbackBot.Rotations.Storage;

namespace SlackFeedbackBot.Tests.Rotations;

/// <summary>The settings' descriptors; their storage on both providers is in <see cref="RotationStorageTests"/>.</summary>
public sealed class RotationSettingDescriptorTests
{
    /// <summary>A value for each setting that differs from the default, so a setting that is not carried shows.</summary>
    internal static readonly IReadOnlyDictionary<string, string> NonDefault = new Dictionary<string, string>
    {
        ["channel"] = "C9SUPPORT",
        ["owners"] = "U0A1,U0A2",
        ["tz"] = "Europe/Berlin",
        ["shift"] = "1h30m",
        ["cadence"] = "2/quarter",
        ["people"] = "3",
        ["hours"] = "08:30-16:00",
        ["days"] = "mon,tue,wed,thu,sun",
        ["holidays"] = "2026-12-24,2026-12-31",
        ["country"] = "DE",
        ["pros"] = "U0A3",
        ["reminders"] = "2d,1h",
        ["nudge"] = "10m",
        ["escalate"] = "45m",
        ["topic"] = "on",
        ["usergroup"] = "S1",
    };

    internal static RotationSettings Base => new() { Name = "support", SupportChannel = "C0BASE" };

    [Test]
    public void EverySetting_HasATestValue() =>
        Assert.That(NonDefault.Keys, Is.EquivalentTo(RotationSettingDescriptors.Keys));

    [TestCaseSource(nameof(Keys))]
    public void Setting_FormatsBackToWhatItParsed(string key)
    {
        var descriptor = RotationSettingDescriptors.Find(key)!;

        var parsed = descriptor.Apply(Base, NonDefault[key]);

        Assert.That(descriptor.Format(parsed), Is.EqualTo(NonDefault[key]));
        Assert.That(descriptor.Format(parsed), Is.Not.EqualTo(descriptor.Format(Base)), "the test value has to differ from the default");
        Assert.That(descriptor.Format(descriptor.Apply(Base, descriptor.Format(parsed))), Is.EqualTo(NonDefault[key]));
    }

    [TestCaseSource(nameof(Keys))]
    public void Setting_ReadsBackFromItsColumn(string key)
    {
        var descriptor = RotationSettingDescriptors.Find(key)!;
        var parsed = descriptor.Apply(Base, NonDefault[key]);

        Assert.That(descriptor.Format(descriptor.FromColumn(Base, descriptor.ToColumn(parsed))), Is.EqualTo(NonDefault[key]));
    }

    [Test]
    public void EveryDeclaredProperty_IsASetting()
    {
        var properties = typeof(DeclaredRotation).GetProperties().Select(p => p.Name)
            .Except([nameof(DeclaredRotation.Name), nameof(DeclaredRotation.Members)]);

        Assert.That(RotationSettingDescriptors.All.Select(d => d.Property), Is.EquivalentTo(properties));
    }

    [Test]
    public void DeclaredDefaults_AreTheDefaultsOfASettingNotGiven()
    {
        var declared = RotationSettingsText.Apply(Base, new DeclaredRotation { SupportChannel = "C0BASE" }.AsSettings());

        Assert.That(RotationAdmin.Describe(declared), Is.EqualTo(RotationAdmin.Describe(Base)));
    }

    [Test]
    public void Describe_NamesEverySummarisedSetting() =>
        Assert.That(RotationAdmin.Describe(RotationSettingsText.Apply(Base, NonDefault)),
            Does.Contain("shift=1h30m").And.Contain("country=DE").And.Contain("tz=Europe/Berlin").And.Contain("usergroup=S1"));

    [Test]
    public void UnknownCountry_IsRefusedWithTheKnownOnes()
    {
        var ex = Assert.Throws<RotationSettingException>(() => RotationSettingsText.Apply(Base, [new("country", "Atlantis")]));

        Assert.That(ex!.Message, Does.Contain("Atlantis").And.Contain("DE").And.Contain("none"));
    }

    private static IEnumerable<string> Keys() => RotationSettingDescriptors.Keys;
}
