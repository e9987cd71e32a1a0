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
    [TestCase("what's the trick to getting the report to refresh?")]
    [TestCase("how do folks usually handle public holidays in the rota?")]
    [TestCase("where exactly do I paste the API key")]
    [TestCase("I'm going round in circles with the import")]
    [TestCase("finding the billing page was a nightmare")]
    [TestCase("which tab is the export under?")]
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
    [TestCase("does it hook into Airtable?")]
    [TestCase("is it able to handle 50 languages?")]
    [TestCase("what's the pricing like for 20 seats?")]
    [TestCase("how much is it for a team of 8?")]
    [TestCase("Will the desktop app get dark mode too?")]
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
    [TestCase("this might be a bit much for us, we're two people")]
    [TestCase("we're not a tech company, is that a problem?")]
    [TestCase("my boss thinks this is only for developers")]
    [TestCase("not sure we're the right size for this")]
    [TestCase("feels like it's built for much bigger teams than ours")]
    public void Positioning_Paraphrases(string text) =>
        Assert.That(Classifier.Classify(text).Bucket, Is.EqualTo(SpotlightBuckets.Positioning), Classifier.Classify(text).Rule);

    [TestCase("Can you extend our trial by a week?")]
    [TestCase("Can we get an invoice with our VAT number on it?")]
    [TestCase("Can you check why the sync is stuck on our account?")]
    [TestCase("where's my refund?")]
    [TestCase("I thought it was just me, but the export fails for everyone")]
    [TestCase("Customer asked if we can call them back on Thursday")]
    [TestCase("The chart colours are hard to tell apart")]
    [TestCase("Could you bump our seat count to 12?")]
    [TestCase("Can we hop on a call tomorrow?")]
    [TestCase("I assumed the outage was over, but it is down again")]
    [TestCase("I thought the new editor was going to be opt-in")]
    [TestCase("$99 per seat is a bit much for us")]
    [TestCase("Could we please get the contract renewed before Friday?")]
    [TestCase("Customers are confused and angry about the new menu")]
    public void LooksLikeABucketButIsNot_StaysUnclassified(string text) =>
        Assert.That(Classifier.Classify(text), Is.EqualTo(SpotlightResult.Unclassified), Classifier.Classify(text).Rule);
}
