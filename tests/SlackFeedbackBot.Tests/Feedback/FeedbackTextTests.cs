using SlackFeedbackBot.Feedback;

namespace SlackFeedbackBot.Tests.Feedback;

public sealed class FeedbackTextTests
{
    [Test]
    public void InlineFields_AnywhereQuotedOrLinked_AreTakenOutOfTheText()
    {
        var fields = InlineFields.Parse("account:\"AT&amp;T Wireless\" How do I add seats? link:<https://crm.example/1|crm> IMPORTANCE:High");

        Assert.That(fields.Text, Is.EqualTo("How do I add seats?"));
        Assert.That((fields.Customer, fields.Link, fields.Importance, fields.Error), Is.EqualTo(("AT&T Wireless", "https://crm.example/1", "high", (string?)null)));
    }

    [Test]
    public void InlineFields_WordsThatOnlyLookLikeFields_StayInTheText()
    {
        var fields = InlineFields.Parse("Meeting at time:10am, our customerbase:large wants it");

        Assert.That(fields.Text, Is.EqualTo("Meeting at time:10am, our customerbase:large wants it"));
        Assert.That(fields.Customer, Is.Null);
    }

    [TestCase("How do I export?", true)]
    [TestCase("thanks!", false)]
    [TestCase("Thank you all!!", false)]
    [TestCase("ty", false)]
    [TestCase("thank you 🙏", false)]
    [TestCase("🙏🏽", false)]
    [TestCase(":white_check_mark: :skin-tone-2:", false)]
    [TestCase("<!here>", false)]
    [TestCase("Thanks, but how do I export?", true)]
    [TestCase("ty, can I pay yearly?", true)]
    public void PassiveFilter_SkipsOnlyNoise(string text, bool expected) =>
        Assert.That(PassiveMessageFilter.IsWorthCapturing(text), Is.EqualTo(expected));

    // What passive capture skips: acknowledgements, chatter and short messages with no question or customer signal.
    [TestCase("ok")]
    [TestCase("OK!")]
    [TestCase("okay.")]
    [TestCase("lol")]
    [TestCase("lol same")]
    [TestCase("haha")]
    [TestCase("+1")]
    [TestCase(":+1:")]
    [TestCase("👍")]
    [TestCase("🎉 🎉")]
    [TestCase("sounds good")]
    [TestCase("Sounds good!")]
    [TestCase("on it")]
    [TestCase("ok, on it")]
    [TestCase("got it, thanks")]
    [TestCase("will do")]
    [TestCase("lgtm")]
    [TestCase("nice one")]
    [TestCase("see you tomorrow")]
    [TestCase("<@U0ANA> done")]
    public void PassiveFilter_SkipsChatter(string text) =>
        Assert.That(PassiveMessageFilter.IsWorthCapturing(text), Is.False, text);

    // What it keeps: questions, customer signals, and anything of a few words or more.
    [TestCase("export?")]
    [TestCase("ok but where is the export button?")]
    [TestCase("export is broken")]
    [TestCase("customer wants SSO")]
    [TestCase("Acme asked for yearly billing")]
    [TestCase("csv export keeps timing out")]
    [TestCase("lol the export button is hidden behind the settings menu")]
    [TestCase("can't log in")]
    [TestCase("dark mode please, my eyes hurt")]
    public void PassiveFilter_KeepsWhatSaysSomething(string text) =>
        Assert.That(PassiveMessageFilter.IsWorthCapturing(text), Is.True, text);

    [TestCase("export csv", "\"export\"* \"csv\"")]
    [TestCase("Exporting integrations", "\"export\"* \"integration\"*")]
    [TestCase("\"foo", "\"\"\"foo\"")]
    [TestCase("NEAR(a b)", "\"NEAR(a\" \"b)\"")]
    [TestCase("* - \"", null)]
    public void SearchQuery_QuotesEveryTerm(string words, string? expected) =>
        Assert.That(FeedbackSearchQuery.ToFts(words), Is.EqualTo(expected));
}
