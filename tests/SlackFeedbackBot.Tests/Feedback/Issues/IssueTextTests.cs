using SlackFeedbackBot.Feedback.Issues;

namespace SlackFeedbackBot.Tests.Feedback.Issues;

public sealed class IssueTextTests
{
    private static IReadOnlyCollection<string> Stems(string text, params string[] customers) => IssueText.Read(text, customers).Stems.Keys.ToList();

    [Test]
    public void Read_LowerCasesStemsAndDropsStopWords()
    {
        Assert.That(Stems("How do I EXPORT my reports?"), Is.EquivalentTo(new[] { "export", "report" }));
        Assert.That(Stems("Exporting reports"), Is.EquivalentTo(Stems("exported report")), "forms of a word are one stem");
    }

    [Test]
    public void Read_LeavesOutSlackMarkupCodeEmojiAndLinks()
    {
        var stems = Stems("<@U02ABC123> in <#C0123|support> :bulb: export `SELECT * FROM invoices` ```stack trace here``` <https://example.com/x|broken link> https://foo.example/bar dashboard");
        Assert.That(stems, Is.EquivalentTo(new[] { "export", "dashboard" }));
    }

    [Test]
    public void Read_LeavesOutTheCustomerAndKnownCustomersWhereverTheyAreNamed()
    {
        Assert.That(Stems("Globex wants dark mode, and so does Big Co", "Globex", "Big Co"), Is.EquivalentTo(new[] { "dark", "mod" }), "stems, compared only");
    }

    [Test]
    public void Read_LeavesOutPeopleAndCompaniesTheTextIntroduces()
    {
        Assert.That(Stems("Is there a Trello power-up? Sarah from Initech keeps asking"), Is.EquivalentTo(new[] { "trello", "power" }),
            "Sarah and Initech are names; Trello is what the issue is about");
        Assert.That(Stems("Umbrella's PM asked about a Jira integration"), Does.Not.Contain("umbrella").And.Contain("jira"));
        Assert.That(Stems("Priya asked whether Gantt charts are coming"), Does.Not.Contain("priya"));
    }

    [Test]
    public void Read_KeepsProductNamesAfterAMove()
    {
        Assert.That(Stems("They want to import from Asana"), Does.Contain("asana"));
    }

    [Test]
    public void Read_OneSpellingForLoginAndSso()
    {
        Assert.That(Stems("signin broken"), Does.Contain("login"));
        Assert.That(Stems("SAML please"), Does.Contain("sso"));
    }

    [Test]
    public void Read_KeepsTheWordAsWrittenForTheExplanation()
    {
        var words = IssueText.Read("Exporting reports");
        Assert.That(words.Stems["export"], Is.EqualTo("exporting"));
    }
}

public sealed class IssueScoreTests
{
    private sealed class SameRarity : IWordRarity
    {
        public double Idf(string stem) => 1;
    }

    private sealed class Rarer(string rare) : IWordRarity
    {
        public double Idf(string stem) => stem == rare ? 5 : 1;
    }

    [Test]
    public void Identical_ScoresOne()
    {
        var words = IssueText.Read("Trello integration for task cards");
        Assert.That(IssueScore.Of(words, words, new SameRarity()).Score, Is.EqualTo(1).Within(0.0001));
    }

    [Test]
    public void OneSharedWord_IsNoMatch_ButStillNamesTheWord()
    {
        var similarity = IssueScore.Of(IssueText.Read("Trello integration"), IssueText.Read("Jira integration"), new SameRarity());
        Assert.That(similarity.Score, Is.Zero);
        Assert.That(similarity.SharedWords, Is.EqualTo(new[] { "integration" }));
    }

    [Test]
    public void RareSharedWords_WeighMore_AndComeFirstInTheExplanation()
    {
        var a = IssueText.Read("Trello integration cards board");
        var b = IssueText.Read("Trello integration sync calendar");
        var plain = IssueScore.Of(a, b, new SameRarity());
        var rare = IssueScore.Of(a, b, new Rarer("trello"));
        Assert.That(rare.Score, Is.GreaterThan(plain.Score));
        Assert.That(rare.SharedWords, Is.EqualTo(new[] { "Trello".ToLowerInvariant(), "integration" }));
    }

    [Test]
    public void Score_IsTheSameEveryTime_AndSymmetric()
    {
        var a = IssueText.Read("Bulk invite users from a CSV list");
        var b = IssueText.Read("How can I invite 200 users at once? Bulk would help");
        var rarity = new CountedRarity([a, b, IssueText.Read("users keep asking")]);
        Assert.That(IssueScore.Of(a, b, rarity).Score, Is.EqualTo(IssueScore.Of(b, a, rarity).Score));
        var first = IssueScore.Of(a, b, rarity);
        var again = IssueScore.Of(a, b, rarity);
        Assert.That(again.SharedWords, Is.EqualTo(first.SharedWords));
    }
}
