using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Tests.Spotlight;

/// <summary>The ways customers actually say it, beyond the framework's own wording, land in their bucket by default.</summary>
public class SpotlightParaphraseTests
{
    private static readonly SpotlightClassifier Classifier = SpotlightClassifier.CreateDefault();

    [TestCase("is there a trick to getting the calendar to sync?")]
    [TestCase("Is there a trick to it? the import keeps failing")]
    [TestCase("is there an easier way to add 40 users?")]
    [TestCase("where's the export button?")]
    [TestCase("wheres the billing page")]
    [TestCase("Where’s the undo??")]
    [TestCase("took me ages to find the archive option")]
    [TestCase("It took us forever to figure out the permissions")]
    [TestCase("took them 20 minutes to find the invite link")]
    [TestCase("been hunting for the language setting for ages")]
    [TestCase("not obvious where you change the font size")]
    [TestCase("where did the reports tab go?")]
    [TestCase("where can we download all invoices at once")]
    [TestCase("I can't seem to get the filters to save")]
    [TestCase("any tips on getting the Outlook add-in to show up?")]
    public void UserExperience_Paraphrases(string text) =>
        Assert.That(Classifier.Classify(text).Bucket, Is.EqualTo(SpotlightBuckets.UserExperience), Classifier.Classify(text).Rule);

    [TestCase("do you have an API for invoices?")]
    [TestCase("Do you guys have an API for the contacts?")]
    [TestCase("do u have an api for orders")]
    [TestCase("Is there a limit on how many projects we can create?")]
    [TestCase("is this GDPR compliant?")]
    [TestCase("is offline mode on the roadmap?")]
    [TestCase("any chance you'll add a Slack integration?")]
    [TestCase("Will there be an API for the analytics?")]
    [TestCase("Does the mobile app work offline?")]
    [TestCase("is there a way to schedule messages for later")]
    public void ProductMarketing_Paraphrases(string text) =>
        Assert.That(Classifier.Classify(text).Bucket, Is.EqualTo(SpotlightBuckets.ProductMarketing), Classifier.Classify(text).Rule);

    [TestCase("not sure this is meant for agencies like us")]
    [TestCase("Not sure this is really meant for a team like ours")]
    [TestCase("we thought you were only for B2C")]
    [TestCase("We thought you were only for ecommerce brands")]
    [TestCase("honestly it feels a bit out of our league")]
    [TestCase("not sure we're the kind of company you built this for")]
    [TestCase("Not sure we’re the kind of business you had in mind")]
    [TestCase("I'm probably not who you built this for, but I teach piano")]
    [TestCase("we assumed you only do B2B")]
    [TestCase("we're a charity, is this overkill for us?")]
    [TestCase("not sure you cater to us")]
    [TestCase("I might be the wrong kind of user for this")]
    public void Positioning_Paraphrases(string text) =>
        Assert.That(Classifier.Classify(text).Bucket, Is.EqualTo(SpotlightBuckets.Positioning), Classifier.Classify(text).Rule);

    [TestCase("Can you extend our trial by a week?")]
    [TestCase("Can we get an invoice with our VAT number on it?")]
    [TestCase("Can you check why the sync is stuck on our account?")]
    [TestCase("where's my refund?")]
    [TestCase("I thought it was just me, but the export fails for everyone")]
    [TestCase("Customer asked if we can call them back on Thursday")]
    [TestCase("The chart colours are hard to tell apart")]
    public void LooksLikeABucketButIsNot_StaysUnclassified(string text) =>
        Assert.That(Classifier.Classify(text), Is.EqualTo(SpotlightResult.Unclassified), Classifier.Classify(text).Rule);
}
