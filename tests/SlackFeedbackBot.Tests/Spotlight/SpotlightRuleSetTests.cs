using SlackFeedbackBot.Spotlight;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Spotlight;

/// <summary>Rules added in Slack: stored in SQLite, compiled with the configured ones, listed with who added them and when.</summary>
public sealed class SpotlightRuleSetTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private TempDirectory _dir = null!;
    private Database _database = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new TempDirectory();
        _database = new Database(_dir.File("bot.db"));
        _database.Initialize();
    }

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public void Add_ClassifiesWithTheRuleAtOnce_AndReportsItLikeAnyOther()
    {
        var rules = new SpotlightRuleSet(new SpotlightOptions(), new SpotlightRuleStore(_database));
        Assert.That(rules.Classify("the date filter keeps tripping me up").Bucket, Is.EqualTo(SpotlightBuckets.Unclassified));

        var added = rules.Add(SpotlightBuckets.UserExperience, "keeps tripping me", "U0ADMIN", Noon, 7);

        Assert.That(added!.Value.Added, Is.True);
        Assert.That(rules.Classify("the date filter keeps tripping me up"),
            Is.EqualTo(new SpotlightResult(SpotlightBuckets.UserExperience, "user_experience: \"keeps tripping me\"")));
    }

    [Test]
    public void Rules_AfterARestart_AreReadFromTheDatabase()
    {
        new SpotlightRuleSet(new SpotlightOptions(), new SpotlightRuleStore(_database)).Add(SpotlightBuckets.ProductMarketing, "is it doable", "U0ADMIN", Noon, null);

        var restarted = new SpotlightRuleSet(new SpotlightOptions(), new SpotlightRuleStore(_database));

        Assert.That(restarted.Classify("is it doable with our setup").Bucket, Is.EqualTo(SpotlightBuckets.ProductMarketing));
        Assert.That(restarted.LearnedRules.Single().AddedBy, Is.EqualTo("U0ADMIN"));
    }

    [Test]
    public void Add_TheSameWordsTwice_KeepsTheFirstOnly()
    {
        var rules = new SpotlightRuleSet(new SpotlightOptions(), new SpotlightRuleStore(_database));

        rules.Add(SpotlightBuckets.UserExperience, "keeps tripping me", "U0ANA", Noon, 1);
        var again = rules.Add(SpotlightBuckets.UserExperience, "keeps tripping me", "U0BEN", Noon.AddHours(1), 2);

        Assert.That(again!.Value.Added, Is.False);
        Assert.That(again.Value.Rule.AddedBy, Is.EqualTo("U0ANA"));
        Assert.That(rules.LearnedRules, Has.Count.EqualTo(1));
    }

    [Test]
    public void AddedRule_ComesAfterTheConfiguredPhrases_SoAConfiguredOneThatMatchesIsReported()
    {
        var rules = new SpotlightRuleSet(new SpotlightOptions(), new SpotlightRuleStore(_database));

        rules.Add(SpotlightBuckets.UserExperience, "how do i", "U0ANA", Noon, null);

        Assert.That(rules.Classify("how do i export").Rule, Is.EqualTo("user_experience: \"how do i\""));
    }

    [Test]
    public void AddedRule_ForABucketNoLongerConfigured_IsLeftOut()
    {
        var options = new SpotlightOptions { Buckets = [new SpotlightBucketOptions { Id = "pricing", Phrases = ["how much"] }] };
        new SpotlightRuleSet(options, new SpotlightRuleStore(_database)).Add("pricing", "price tag", "U0ANA", Noon, null);

        var without = new SpotlightRuleSet(new SpotlightOptions(), new SpotlightRuleStore(_database));

        Assert.That(without.LearnedRules, Is.Empty);
        Assert.That(without.Classify("what's the price tag").Bucket, Is.EqualTo(SpotlightBuckets.Unclassified));
    }

    [Test]
    public void Without_A_Database_NothingIsAdded()
    {
        var rules = new SpotlightRuleSet(new SpotlightOptions());

        Assert.That(rules.Add(SpotlightBuckets.UserExperience, "keeps tripping me", "U0ANA", Noon, null), Is.Null);
        Assert.That(rules.Classify("how do i export").Bucket, Is.EqualTo(SpotlightBuckets.UserExperience));
    }

    [Test]
    public void RuleList_ShowsBuiltInConfiguredAndAddedRules_WithWhoAddedThemAndWhen()
    {
        var options = new SpotlightOptions { Buckets = [new SpotlightBucketOptions { Id = SpotlightBuckets.UserExperience, Phrases = ["need a walkthrough"] }] };
        var rules = new SpotlightRuleSet(options, new SpotlightRuleStore(_database));
        rules.Add(SpotlightBuckets.UserExperience, "keeps tripping me", "U0ANA", Noon, 12);

        var listed = SpotlightRuleList.From(rules);
        using var output = new StringWriter();
        SpotlightRuleList.Write(listed, output);

        var ux = listed.Where(r => r.Bucket == SpotlightBuckets.UserExperience && r.Kind == SpotlightRuleList.Phrase).ToList();
        Assert.That(ux[0], Is.EqualTo(new SpotlightListedRule(SpotlightBuckets.UserExperience, "phrase", "how do i", "built-in")));
        Assert.That(ux[^2], Is.EqualTo(new SpotlightListedRule(SpotlightBuckets.UserExperience, "phrase", "need a walkthrough", "configured")));
        Assert.That(ux[^1], Is.EqualTo(new SpotlightListedRule(SpotlightBuckets.UserExperience, "phrase", "keeps tripping me", "added by U0ANA on 2026-11-23 12:00 UTC from #12")));
        Assert.That(listed.Select(r => r.Bucket).Distinct(), Is.EqualTo(new[] { SpotlightBuckets.Positioning, SpotlightBuckets.UserExperience, SpotlightBuckets.ProductMarketing }));
        Assert.That(output.ToString(), Does.StartWith("bucket\tkind\tpattern\torigin\n").And.Contain("user_experience\tphrase\tkeeps tripping me\tadded by U0ANA on 2026-11-23 12:00 UTC from #12"));
    }
}
