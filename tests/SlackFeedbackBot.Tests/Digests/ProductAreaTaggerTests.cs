using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SlackFeedbackBot.Digests;

namespace SlackFeedbackBot.Tests.Digests;

public class ProductAreaTaggerTests
{
    private static readonly ProductAreaOptions Options = new()
    {
        Areas =
        [
            new ProductAreaRule { Id = "billing", Phrases = ["invoice", "credit card", "refund"] },
            new ProductAreaRule { Id = "integrations", Phrases = ["trello", "jira", "Credit-Card Sync"] },
        ],
    };

    private readonly ProductAreaTagger _tagger = new(Options);

    [TestCase("How do I download an INVOICE?", "billing")]
    [TestCase("my Credit  Card was charged twice", "billing")]
    [TestCase("Can you integrate with <https://trello.com|Trello>?", "integrations")]
    [TestCase("jira!", "integrations")]
    public void Tag_WholeWordsIgnoringCaseAndMarkup_GivesTheArea(string text, string area) =>
        Assert.That(_tagger.Tag(text), Is.EqualTo(area));

    [TestCase("invoices are late")]
    [TestCase("the trellolike board")]
    [TestCase("love the new dashboard")]
    public void Tag_NoWholeWordMatch_GivesNull(string text) =>
        Assert.That(_tagger.Tag(text), Is.Null);

    [Test]
    public void Tag_SeveralAreasMatch_TheFirstRuleWins()
    {
        Assert.That(_tagger.Tag("credit card sync with jira"), Is.EqualTo("billing"));
    }

    [Test]
    public void Tag_NoRules_GivesNull()
    {
        Assert.That(new ProductAreaTagger(new ProductAreaOptions()).Tag("anything at all"), Is.Null);
    }

    [Test]
    public void Options_BindFromTheProductAreasSection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ProductAreas:Areas:0:Id"] = "billing",
            ["ProductAreas:Areas:0:Phrases:0"] = "invoice",
            ["ProductAreas:Areas:1:Id"] = "mobile",
            ["ProductAreas:Areas:1:Phrases:0"] = "iphone app",
        }).Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddDigests().BuildServiceProvider();

        var tagger = provider.GetRequiredService<ProductAreaTagger>();

        Assert.That(tagger.Tag("The iPhone app logs me out"), Is.EqualTo("mobile"));
        Assert.That(tagger.Tag("where is my invoice"), Is.EqualTo("billing"));
        Assert.That(provider.GetRequiredService<DigestBuilder>(), Is.Not.Null);
    }
}
