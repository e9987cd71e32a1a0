using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Tests.Spotlight;

/// <summary>The rule shown to people is the phrase it matched in their words, never the pattern syntax.</summary>
public sealed class SpotlightRuleTextTests
{
    [TestCase("positioning: \"not your (target|ideal|typical) (customer|customers|user|users)\"", "Honestly I’m not your ideal users, but can I plan weddings?", "positioning: \"not your ideal users\"")]
    [TestCase("user_experience: \"how (do|can) i\"", "How can I invite my team?", "user_experience: \"how can i\"")]
    [TestCase("product_marketing: \"can you ... integrate\"", "Can you please integrate Trello", "product_marketing: \"can you please integrate\"")]
    [TestCase("product_marketing: \"is * possible\"", "Is SSO possible?", "product_marketing: \"is sso possible\"")]
    public void TheMatchedWords_StandForThePattern(string rule, string text, string expected) =>
        Assert.That(SpotlightRuleText.ForPeople(rule, text), Is.EqualTo(expected));

    [Test]
    public void WordsNotFoundAgain_ShowThePatternsFirstPhrase_WithoutItsSyntax()
    {
        var shown = SpotlightRuleText.ForPeople("positioning: \"not your (target|ideal) (customer|user)\"", "ur not my target");

        Assert.That(shown, Is.EqualTo("positioning: \"not your target customer\""));
        Assert.That(shown, Does.Not.Contain("(").And.Not.Contain("|"));
    }

    [Test]
    public void ARuleInAnotherShape_IsShownAsIs() =>
        Assert.That(SpotlightRuleText.ForPeople("imported", "anything"), Is.EqualTo("imported"));

    [Test]
    public void TheDefaultRules_OnACapture_ShowNoPatternSyntax()
    {
        var classifier = SpotlightClassifier.CreateDefault();
        const string text = "We are not your typical customer, we are a team of two";

        var result = classifier.Classify(text);

        Assert.That(result.Rule, Does.Contain("|"), "the stored rule is the pattern");
        Assert.That(SpotlightRuleText.ForPeople(result.Rule!, text), Is.EqualTo("positioning: \"not your typical customer\""));
    }
}
