using SlackFeedbackBot.Digests;
using static SlackFeedbackBot.Tests.Digests.DigestData;

namespace SlackFeedbackBot.Tests.Digests;

public class KeyPhraseGrouperTests
{
    private static readonly string[] UxTriggers = ["how do i", "how can i"];
    private readonly KeyPhraseGrouper _grouper = new();

    [Test]
    public void Normalize_SlackMarkupEmojiCurlyQuotesAndPunctuation_LeavesLowerCaseWords()
    {
        var normalized = FeedbackTextNormalizer.Normalize(
            "Hey <@U123>, I\u2019m *stuck*: see <https://x.example/a?b=1|the Docs> and <#C42|general> :sob: https://y.example");

        Assert.That(normalized, Is.EqualTo("hey im stuck see the docs and"));
    }

    [TestCase("reports", "report")]
    [TestCase("stories", "story")]
    [TestCase("integrate", "integrat")]
    [TestCase("integrating", "integrat")]
    [TestCase("integrated", "integrat")]
    [TestCase("running", "run")]
    [TestCase("calling", "call")]
    [TestCase("status", "status")]
    [TestCase("access", "access")]
    [TestCase("csv", "csv")]
    public void Stem_IsLightAndPredictable(string word, string stem) =>
        Assert.That(LightStemmer.Stem(word), Is.EqualTo(stem));

    [Test]
    public void KeyTerms_DropStopWordsAndTriggerWords()
    {
        var excluded = UxTriggers.SelectMany(FeedbackTextNormalizer.Words).ToHashSet();

        var terms = _grouper.KeyTerms("Hey, how can I export my reports to a CSV please?", excluded);

        Assert.That(terms.Select(term => term.Word), Is.EqualTo(new[] { "export", "reports", "csv" }));
    }

    [Test]
    public void Group_FiveTrelloVariants_BecomeOneGroupWithReportsAndCustomers()
    {
        var groups = _grouper.Group(TrelloVariants(), UxTriggers);

        Assert.That(groups, Has.Count.EqualTo(1));
        var group = groups[0];
        Assert.That(group.Summary, Is.EqualTo("integrate trello: 5 reports, 3 customers"));
        Assert.That(group.ItemIds, Is.EqualTo(new long[] { 1, 2, 3, 4, 5 }));
        Assert.That(group.RepresentativeQuote, Is.EqualTo("How do I integrate this with Trello?"));
        Assert.That(group.Permalink, Is.EqualTo("https://example.slack.com/archives/C1/p1001"));
    }

    [Test]
    public void Group_UnrelatedItems_StaySeparate()
    {
        DigestItem[] items =
        [
            .. TrelloVariants(),
            Item(10, "user_experience", "How do I export reports to CSV?", "Acme"),
            Item(11, "user_experience", "how do i reset my password", "Hooli"),
            Item(12, "user_experience", "How do I export my reports as CSV files?", "Hooli"),
        ];

        var groups = _grouper.Group(items, UxTriggers);

        Assert.That(groups.Select(group => group.Summary), Is.EqualTo(new[]
        {
            "integrate trello: 5 reports, 3 customers",
            "export reports csv: 2 reports, 2 customers",
            "reset password: 1 report, 1 customer",
        }));
    }

    [Test]
    public void Group_EqualCounts_OrderByLabelWhateverTheInputOrder()
    {
        DigestItem[] items =
        [
            Item(1, "ux", "how do i invite teammates", "A"),
            Item(2, "ux", "how do i archive projects", "B"),
            Item(3, "ux", "how do i change billing email", "C"),
        ];

        var forward = _grouper.Group(items, UxTriggers).Select(group => group.Label).ToList();
        var backward = _grouper.Group(items.Reverse(), UxTriggers).Select(group => group.Label).ToList();

        Assert.That(forward, Is.EqualTo(new[] { "archive projects", "change billing email", "invite teammates" }));
        Assert.That(backward, Is.EqualTo(forward));
    }

    [Test]
    public void Group_CountsEveryReportOfAnItem_AndTheirDistinctCustomers()
    {
        var item = Item(1, "ux", "how do i integrate trello") with
        {
            Reports = [new("Acme"), new("Globex"), new(" acme "), new(null)],
        };

        var group = _grouper.Group([item, Item(2, "ux", "integrate with trello?", "Initech")], UxTriggers).Single();

        Assert.That(group.Summary, Is.EqualTo("integrate trello: 5 reports, 3 customers"));
    }

    [Test]
    public void Group_WithoutCustomers_SaysOnlyReports()
    {
        var group = _grouper.Group([Item(1, "ux", "how do i integrate trello")], UxTriggers).Single();

        Assert.That(group.Summary, Is.EqualTo("integrate trello: 1 report"));
    }

    [Test]
    public void Group_LongQuote_IsTrimmedAtAWordWithAnEllipsis()
    {
        var text = "How do I integrate trello " + string.Join(' ', Enumerable.Repeat("because the board sync matters", 30));

        var group = _grouper.Group([Item(1, "ux", text)], UxTriggers, quoteMaxLength: 200).Single();

        Assert.That(group.RepresentativeQuote, Has.Length.LessThanOrEqualTo(200));
        Assert.That(group.RepresentativeQuote, Does.EndWith("…"));
        Assert.That(group.RepresentativeQuote, Does.StartWith("How do I integrate trello because"));
    }

    [Test]
    public void Group_ItemsWithOnlyStopWords_EachKeepTheirOwnLine()
    {
        var groups = _grouper.Group([Item(1, "ux", "How do I do this?"), Item(2, "ux", "how do i???")], UxTriggers);

        Assert.That(groups, Has.Count.EqualTo(2));
        Assert.That(groups.Select(group => group.ItemIds.Single()), Is.EquivalentTo(new long[] { 1, 2 }));
    }

    [Test]
    public void Group_TheSameQuestionFromDifferentCustomers_IsOneIssue_NamedWithoutThem()
    {
        var items = new[]
        {
            Item(1, "product_marketing", "Does Trello sync work for Acme Corp?", "Acme Corp"),
            Item(2, "product_marketing", "Does Trello sync work for Globex Ltd?", "Globex Ltd"),
            Item(3, "product_marketing", "does trello sync work for initech", "Initech"),
            Item(4, "product_marketing", "Does Trello sync work for Hooli?", "Hooli"),
        };

        var group = _grouper.Group(items, ["can you"]).Single();

        Assert.That((group.Label, group.ReportCount, group.CustomerCount), Is.EqualTo(("trello sync work", 4, 4)));
    }

    [Test]
    public void Group_TheSameQuestionAboutDifferentPeopleOrMentions_IsOneIssue()
    {
        var items = new[]
        {
            Item(1, "user_experience", "Trello sync broke for Priya Patel"),
            Item(2, "user_experience", "Trello sync broke for Tom Jones"),
            Item(3, "user_experience", "<@U42ABC> Trello sync broke"),
            Item(4, "user_experience", "@dave.smith trello sync broke"),
        };

        var groups = _grouper.Group(items, UxTriggers);

        Assert.That(groups.Select(g => g.ItemIds.Count), Is.EqualTo(new[] { 4 }), string.Join(" | ", groups.Select(g => g.Label)));
        Assert.That(groups[0].Label, Is.EqualTo("trello sync broke"));
    }

    [Test]
    public void Group_DifferentQuestions_StayApart_EvenWithTheSameCustomerOrACapitalisedFirstWord()
    {
        var items = new[]
        {
            Item(1, "product_marketing", "Does Trello sync work for Acme Corp?", "Acme Corp"),
            Item(2, "product_marketing", "Can Acme Corp export invoices to Xero?", "Acme Corp"),
            Item(3, "product_marketing", "Export broke"),
            Item(4, "product_marketing", "Import broke"),
        };

        var groups = _grouper.Group(items, ["can you"]);

        Assert.That(groups, Has.Count.EqualTo(4), string.Join(" | ", groups.Select(g => g.Label)));
    }

    [Test]
    public void TitleCaseWords_AreTheNameLikeWordsInsideASentence()
    {
        Assert.That(FeedbackTextNormalizer.TitleCaseWords("Export broke for Priya at Globex. Trello too"), Is.EquivalentTo(new[] { "priya", "globex" }));
        Assert.That(FeedbackTextNormalizer.TitleCaseWords("EXPORT BROKE FOR PRIYA"), Is.Empty, "all capitals says nothing about names");
    }
}
