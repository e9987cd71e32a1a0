using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Tests.Spotlight;

public class SpotlightConfigurationTests
{
    private static ServiceProvider BuildServices(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSpotlight(configuration).BuildServiceProvider();
    }

    private static string StartUpFailure(Dictionary<string, string?> settings)
    {
        using var services = BuildServices(settings);
        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        return failure!.Message;
    }

    [Test]
    public void AddSpotlight_WithoutSettings_RegistersTheDefaultClassifierAsASingleton()
    {
        using var services = BuildServices([]);

        var classifier = services.GetRequiredService<ISpotlightClassifier>();

        Assert.That(services.GetRequiredService<ISpotlightClassifier>(), Is.SameAs(classifier));
        Assert.That(classifier.Classify("how do i export").Bucket, Is.EqualTo(SpotlightBuckets.UserExperience));
        Assert.That(services.GetRequiredService<SpotlightCli>(), Is.Not.Null);
    }

    [Test]
    public void AddSpotlight_CustomBucketRankedFirst_WinsOverBuiltIns()
    {
        using var services = BuildServices(new()
        {
            ["Spotlight:Precedence:0"] = "pricing",
            ["Spotlight:Buckets:0:Id"] = "pricing",
            ["Spotlight:Buckets:0:DisplayName"] = "Pricing",
            ["Spotlight:Buckets:0:Description"] = "They talk about money before features.",
            ["Spotlight:Buckets:0:Phrases:0"] = "how much (is|does) ... cost",
            ["Spotlight:Buckets:0:Phrases:1"] = "(discount|discounts) for *",
            ["Spotlight:Buckets:0:NegativePatterns:0"] = "cost us (a|the) deal",
        });
        var classifier = services.GetRequiredService<ISpotlightClassifier>();

        Assert.Multiple(() =>
        {
            Assert.That(classifier.Buckets.Select(b => b.Id), Is.EqualTo(new[]
            {
                "pricing", SpotlightBuckets.Positioning, SpotlightBuckets.UserExperience, SpotlightBuckets.ProductMarketing,
            }));
            Assert.That(classifier.Buckets[0].DisplayName, Is.EqualTo("Pricing"));
            Assert.That(classifier.Classify("How much does the Team plan cost?"),
                Is.EqualTo(new SpotlightResult("pricing", "pricing: \"how much (is|does) ... cost\"")));
            Assert.That(classifier.Classify("can I get a discount for nonprofits").Bucket, Is.EqualTo("pricing"));
            Assert.That(classifier.Classify("can I get a discount for").Bucket, Is.EqualTo(SpotlightBuckets.ProductMarketing),
                "'*' needs a word to stand for");
            // The negative keeps the pricing bucket off; the built-in rules still hear a question about the price.
            Assert.That(classifier.Classify("how much does it cost? the outage cost us a deal").Bucket, Is.EqualTo(SpotlightBuckets.ProductMarketing));
        });
    }

    [Test]
    public void AddSpotlight_CustomBucketNotRanked_ComesAfterTheBuiltIns()
    {
        using var services = BuildServices(new()
        {
            ["Spotlight:Buckets:0:Id"] = "security",
            ["Spotlight:Buckets:0:Phrases:0"] = "(soc 2|soc2|iso 27001|pen test)",
        });
        var classifier = services.GetRequiredService<ISpotlightClassifier>();

        Assert.That(classifier.Classify("do you have SOC 2?").Bucket, Is.EqualTo(SpotlightBuckets.ProductMarketing));
        Assert.That(classifier.Classify("our SOC2 audit starts monday").Bucket, Is.EqualTo("security"));
        Assert.That(classifier.Buckets[^1].DisplayName, Is.EqualTo("security"), "display name falls back to the id");
    }

    [Test]
    public void AddSpotlight_BucketWithABuiltInId_AddsPhrasesAfterTheBuiltInOnes()
    {
        using var services = BuildServices(new()
        {
            ["Spotlight:Buckets:0:Id"] = "user_experience",
            ["Spotlight:Buckets:0:Phrases:0"] = "need a walkthrough",
            ["Spotlight:Buckets:0:NegativePatterns:0"] = "how do i (unsubscribe|opt out)",
        });
        var classifier = services.GetRequiredService<ISpotlightClassifier>();

        Assert.That(classifier.Classify("we need a walkthrough of the reports").Rule, Is.EqualTo("user_experience: \"need a walkthrough\""));
        Assert.That(classifier.Classify("how do i export").Rule, Is.EqualTo("user_experience: \"how do i\""));
        Assert.That(classifier.Classify("how do i unsubscribe from these emails").Bucket, Is.EqualTo(SpotlightBuckets.Unclassified));
    }

    [Test]
    public void AddSpotlight_PatternStartingWithAWildcard_NeedsAWordBeforeIt()
    {
        using var services = BuildServices(new()
        {
            ["Spotlight:Buckets:0:Id"] = "stability",
            ["Spotlight:Buckets:0:Phrases:0"] = "* (crashes|crashed)",
        });
        var classifier = services.GetRequiredService<ISpotlightClassifier>();

        Assert.That(classifier.Classify("the app crashes on start").Rule, Is.EqualTo("stability: \"* (crashes|crashed)\""));
        Assert.That(classifier.Classify("Crashes everywhere").Bucket, Is.EqualTo(SpotlightBuckets.Unclassified));
        Assert.That(classifier.Classify("It froze. Crashed again").Bucket, Is.EqualTo(SpotlightBuckets.Unclassified),
            "the word before must be in the same sentence");
    }

    [Test]
    public void AddSpotlight_WithoutDefaultBuckets_UsesOnlyTheConfiguredOnes()
    {
        using var services = BuildServices(new()
        {
            ["Spotlight:IncludeDefaultBuckets"] = "false",
            ["Spotlight:Buckets:0:Id"] = "pricing",
            ["Spotlight:Buckets:0:Phrases:0"] = "price",
        });
        var classifier = services.GetRequiredService<ISpotlightClassifier>();

        Assert.That(classifier.Buckets.Select(b => b.Id), Is.EqualTo(new[] { "pricing" }));
        Assert.That(classifier.Classify("how do i see the price").Bucket, Is.EqualTo("pricing"));
        Assert.That(classifier.Classify("how do i export").Bucket, Is.EqualTo(SpotlightBuckets.Unclassified));
    }

    [Test]
    public void Validation_UnknownBucketInPrecedence_NamesTheSetting()
    {
        var message = StartUpFailure(new()
        {
            ["Spotlight:Precedence:0"] = "positioning",
            ["Spotlight:Precedence:1"] = "pricng",
        });

        Assert.That(message, Does.Contain("Spotlight:Precedence:1: unknown bucket 'pricng'"));
        Assert.That(message, Does.Contain("known buckets: positioning, user_experience, product_marketing"));
    }

    [Test]
    public void Validation_UnclassifiedOrDuplicateInPrecedence_IsRejected()
    {
        var message = StartUpFailure(new()
        {
            ["Spotlight:Precedence:0"] = "unclassified",
            ["Spotlight:Precedence:1"] = "positioning",
            ["Spotlight:Precedence:2"] = "positioning",
        });

        Assert.That(message, Does.Contain("Spotlight:Precedence:0: 'unclassified' is the fallback"));
        Assert.That(message, Does.Contain("Spotlight:Precedence:2: bucket 'positioning' is listed twice"));
    }

    [Test]
    public void Validation_EmptyPhrase_NamesTheSetting()
    {
        var message = StartUpFailure(new()
        {
            ["Spotlight:Buckets:0:Id"] = "pricing",
            ["Spotlight:Buckets:0:Phrases:0"] = "price",
            ["Spotlight:Buckets:0:Phrases:1"] = "   ",
        });

        Assert.That(message, Does.Contain("Spotlight:Buckets:0:Phrases:1 is empty"));
    }

    [TestCase("how (do|can i", "has a '(' without its ')'")]
    [TestCase("how do) i", "has a ')' without its '('")]
    [TestCase("how|what", "has a '|' outside ( )")]
    [TestCase("\\bhow\\b", "is not a regular expression")]
    [TestCase("how [0-9]+", "is not a regular expression")]
    [TestCase("((a|b)|c)", "nests parentheses")]
    [TestCase("how (*|do)", "puts '*' or '...' inside ( )")]
    [TestCase("how ()", "has an empty group")]
    [TestCase("* ...", "needs at least one word")]
    [TestCase("... how do i", "starts or ends with '...'")]
    [TestCase("how. do", "has a lone '.'")]
    public void Validation_BadPattern_NamesTheSettingAndTheProblem(string pattern, string problem)
    {
        var message = StartUpFailure(new()
        {
            ["Spotlight:Buckets:0:Id"] = "pricing",
            ["Spotlight:Buckets:0:Phrases:0"] = "price",
            ["Spotlight:Buckets:0:NegativePatterns:0"] = pattern,
        });

        Assert.That(message, Does.Contain($"Spotlight:Buckets:0:NegativePatterns:0 (\"{pattern}\")"));
        Assert.That(message, Does.Contain(problem));
    }

    [TestCase("", "must be lower-case letters")]
    [TestCase("Pricing Team", "must be lower-case letters")]
    [TestCase("unclassified", "is the fallback")]
    public void Validation_BadBucketId_NamesTheSetting(string id, string problem)
    {
        var message = StartUpFailure(new()
        {
            ["Spotlight:Buckets:0:Id"] = id,
            ["Spotlight:Buckets:0:Phrases:0"] = "price",
        });

        Assert.That(message, Does.Contain("Spotlight:Buckets:0:Id"));
        Assert.That(message, Does.Contain(problem));
    }

    [Test]
    public void Validation_NewBucketWithoutPhrases_IsRejected()
    {
        var message = StartUpFailure(new()
        {
            ["Spotlight:Buckets:0:Id"] = "pricing",
            ["Spotlight:Buckets:0:DisplayName"] = "Pricing",
        });

        Assert.That(message, Does.Contain("Spotlight:Buckets:0:Phrases: bucket 'pricing' needs at least one phrase"));
    }

    [Test]
    public void Validation_NoBucketsAtAll_IsRejected()
    {
        var message = StartUpFailure(new() { ["Spotlight:IncludeDefaultBuckets"] = "false" });

        Assert.That(message, Does.Contain("no buckets to classify into"));
    }

    [Test]
    public void Constructor_InvalidOptions_ThrowsWithEveryProblemListed()
    {
        var options = new SpotlightOptions
        {
            Precedence = ["nope"],
            Buckets = [new SpotlightBucketOptions { Id = "pricing", Phrases = ["", "how (much"] }],
        };

        var failure = Assert.Throws<SpotlightConfigurationException>(() => _ = new SpotlightClassifier(options));

        Assert.That(failure!.Problems, Has.Count.EqualTo(3));
        Assert.That(failure.Message, Does.StartWith("Spotlight configuration is invalid:"));
    }
}
