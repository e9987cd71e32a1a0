using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Tests.Spotlight;

public class SpotlightClassifierTests
{
    private static readonly SpotlightClassifier Classifier = SpotlightClassifier.CreateDefault();

    [TestCase("How do I integrate this with Trello?", SpotlightBuckets.UserExperience)]
    [TestCase("What do I do when x happens?", SpotlightBuckets.UserExperience)]
    [TestCase("Can you integrate with Trello?", SpotlightBuckets.ProductMarketing)]
    [TestCase("Hey, can you guys integrate with Trello?", SpotlightBuckets.ProductMarketing)]
    [TestCase("Can I integrate this part of your app with Trello?", SpotlightBuckets.ProductMarketing)]
    [TestCase("Do you support Trello?", SpotlightBuckets.ProductMarketing)]
    [TestCase("Is it possible to sync with Trello?", SpotlightBuckets.ProductMarketing)]
    [TestCase("Does it integrate with Trello?", SpotlightBuckets.ProductMarketing)]
    [TestCase("I'm probably not your target customer, but I'd like to try it", SpotlightBuckets.Positioning)]
    [TestCase("I'm sure I'm wrong about this, but I thought this was a CRM", SpotlightBuckets.Positioning)]
    [TestCase("maybe this isn't for us", SpotlightBuckets.Positioning)]
    public void Classify_FrameworkExamples_LandInTheirBucket(string text, string expected)
    {
        Assert.That(Classifier.Classify(text).Bucket, Is.EqualTo(expected));
    }

    [Test]
    public void Classify_HowCanI_IsUserExperienceEvenThoughItContainsCanI()
    {
        var result = Classifier.Classify("How can I export my data?");

        Assert.That(result.Bucket, Is.EqualTo(SpotlightBuckets.UserExperience));
        Assert.That(result.Rule, Is.EqualTo("user_experience: \"how (can|could|would|should|do) (i|we|one)\""));
    }

    [Test]
    public void Classify_CanYouShowMeHow_IsUserExperience()
    {
        Assert.That(Classifier.Classify("Can you show me how to export a report?").Bucket, Is.EqualTo(SpotlightBuckets.UserExperience));
    }

    [Test]
    public void Classify_PositioningWrappingAQuestion_IsPositioning()
    {
        var result = Classifier.Classify("I'm probably not your target customer, but can I use this for my bakery? How do I start?");

        Assert.That(result.Bucket, Is.EqualTo(SpotlightBuckets.Positioning));
        Assert.That(result.Rule, Is.EqualTo("positioning: \"i'm probably not your target customer\""));
    }

    [Test]
    public void Classify_HowDoI_ReportsTheRuleThatMatched()
    {
        var result = Classifier.Classify("hey how do i add a teammate");

        Assert.That(result, Is.EqualTo(new SpotlightResult(SpotlightBuckets.UserExperience, "user_experience: \"how do i\"")));
        Assert.That(result.IsClassified, Is.True);
    }

    [TestCase("I cannot export anything today")]
    [TestCase("the printer will scan you a copy")]
    [TestCase("please cancel your order")]
    [TestCase("show me the pricing page")]
    [TestCase("somehow doing it works")]
    public void Classify_WordsThatOnlyContainARulePhrase_DoNotMatch(string text)
    {
        var result = Classifier.Classify(text);

        Assert.That(result, Is.EqualTo(SpotlightResult.Unclassified));
        Assert.That(result.Rule, Is.Null);
    }

    [TestCase("Can you please fix the login page?")]
    [TestCase("can u reset my password")]
    [TestCase("Can I just say the new editor is great")]
    [TestCase("I thought this was fixed last week")]
    [TestCase("hi all, how are you?")]
    [TestCase("Steps to reproduce: open the board, then how to reproduce: drag a card")]
    public void Classify_NegativePattern_VetoesTheBucket(string text)
    {
        Assert.That(Classifier.Classify(text).Bucket, Is.EqualTo(SpotlightBuckets.Unclassified));
    }

    [Test]
    public void Classify_NegativeForOneBucket_LeavesTheOthersFree()
    {
        var result = Classifier.Classify("Can you please fix the export? Also how do I share a board?");

        Assert.That(result.Bucket, Is.EqualTo(SpotlightBuckets.UserExperience));
    }

    [Test]
    public void Classify_AnyWordsGap_StaysWithinOneSentence()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Classifier.Classify("I thought your app was for designers").Bucket, Is.EqualTo(SpotlightBuckets.Positioning));
            Assert.That(Classifier.Classify("I thought about it overnight. The app was great").Bucket, Is.EqualTo(SpotlightBuckets.Unclassified));
        });
    }

    [Test]
    public void Classify_PhraseSplitAcrossSentences_DoesNotMatch()
    {
        Assert.That(Classifier.Classify("Guess how. Do I look busy?").Bucket, Is.EqualTo(SpotlightBuckets.Unclassified));
        Assert.That(Classifier.Classify("Guess how do I look busy").Bucket, Is.EqualTo(SpotlightBuckets.UserExperience));
    }

    [TestCase("im probably not ur target customer", SpotlightBuckets.Positioning)]
    [TestCase("I’m probably not your target customer", SpotlightBuckets.Positioning)]
    [TestCase("HOW DO I EXPORT", SpotlightBuckets.UserExperience)]
    [TestCase("<@U024BE7LH|bob> can u export to pdf :pray:", SpotlightBuckets.ProductMarketing)]
    [TestCase("*How* _do_ `I` export", SpotlightBuckets.UserExperience)]
    [TestCase("&gt; how do i export\n\nfrom the Acme call", SpotlightBuckets.UserExperience)]
    [TestCase("Thanks for the demo!\nQuick q: do you support SSO", SpotlightBuckets.ProductMarketing)]
    public void Classify_MessyRealMessages_StillMatch(string text, string expected)
    {
        Assert.That(Classifier.Classify(text).Bucket, Is.EqualTo(expected));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   \n\t ")]
    [TestCase(":tada: <@U1>")]
    public void Classify_NothingToRead_IsUnclassified(string? text)
    {
        Assert.That(Classifier.Classify(text), Is.EqualTo(SpotlightResult.Unclassified));
    }

    [Test]
    public void Classify_VeryLongMessage_StillFindsThePhrase()
    {
        var padding = string.Join(' ', Enumerable.Repeat("the export ran overnight without issue.", 200));

        var result = Classifier.Classify(padding + " Anyway, how do I invite a guest?");

        Assert.That(result.Bucket, Is.EqualTo(SpotlightBuckets.UserExperience));
    }

    [Test]
    public void Classify_AfterWarmUp_AllocatesNothing()
    {
        const string text = "<@U123> hey team, I'm probably not your target customer but how do I export to CSV? :pray:";
        Classifier.Classify(text);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Classifier.Classify(text);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void Buckets_ByDefault_FollowTheFrameworkPrecedence()
    {
        Assert.That(Classifier.Buckets.Select(b => b.Id), Is.EqualTo(new[]
        {
            SpotlightBuckets.Positioning, SpotlightBuckets.UserExperience, SpotlightBuckets.ProductMarketing,
        }));
        Assert.That(Classifier.Buckets.Select(b => b.Rank), Is.EqualTo(new[] { 0, 1, 2 }));
    }

    [Test]
    public void Classify_ThroughTheInterface_AcceptsAString()
    {
        ISpotlightClassifier classifier = Classifier;

        Assert.That(classifier.Classify("do you support SSO").Bucket, Is.EqualTo(SpotlightBuckets.ProductMarketing));
    }
}
