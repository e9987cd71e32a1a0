using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Spotlight;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Spotlight;

/// <summary>Rules added in Slack: stored in the bot's database (SQLite or PostgreSQL), compiled with the configured ones, listed with who added them and when.</summary>
[TestFixtureSource(typeof(ProviderDatabase), nameof(ProviderDatabase.Providers))]
public sealed class SpotlightRuleSetTests(StorageProvider provider)
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private ProviderDatabase _db = null!;
    private Database _database = null!;

    [SetUp]
    public async Task SetUp()
    {
        _db = await ProviderDatabase.CreateAsync(provider);
        _database = _db.Database;
    }

    [TearDown]
    public async Task TearDown() => await _db.DisposeAsync();

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
    public async Task ADatabaseNotYetMigrated_HasNoRules()
    {
        await using var empty = await ProviderDatabase.CreateAsync(provider, migrate: false);
        var store = new SpotlightRuleStore(empty.Database);

        Assert.That(store.All(), Is.Empty);
        Assert.That(store.History(), Is.Empty);
        Assert.That(store.Find(1), Is.Null);
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
        Assert.That(ux[^1], Is.EqualTo(new SpotlightListedRule(SpotlightBuckets.UserExperience, "phrase", "keeps tripping me", "added by U0ANA on 2026-11-23 12:00 UTC from #12", 1)));
        Assert.That(listed.Select(r => r.Bucket).Distinct(), Is.EqualTo(new[] { SpotlightBuckets.Positioning, SpotlightBuckets.UserExperience, SpotlightBuckets.ProductMarketing }));
        Assert.That(output.ToString(), Does.StartWith("bucket\tkind\tpattern\torigin\tid\n").And.Contain("user_experience\tphrase\tkeeps tripping me\tadded by U0ANA on 2026-11-23 12:00 UTC from #12\t1\n"));
        Assert.That(output.ToString(), Does.Contain("user_experience\tphrase\thow do i\tbuilt-in\t-\n"));
    }

    [Test]
    public void Remove_TheLastAddedRule_CompilesBackToTheConfiguredRules()
    {
        var rules = new SpotlightRuleSet(new SpotlightOptions(), new SpotlightRuleStore(_database));
        var (rule, _) = rules.Add(SpotlightBuckets.UserExperience, "keeps tripping me", "U0ANA", Noon, 1)!.Value;
        Assert.That(rules.Classify("bulk edit keeps tripping me up").Bucket, Is.EqualTo(SpotlightBuckets.UserExperience));

        var removal = rules.Remove(rule.Id, "U0BEN", Noon.AddDays(1));

        Assert.That(removal.Outcome, Is.EqualTo(SpotlightRuleRemovalOutcome.Removed));
        Assert.That(rules.LearnedRules, Is.Empty);
        Assert.That(rules.Classify("bulk edit keeps tripping me up").Bucket, Is.EqualTo(SpotlightBuckets.Unclassified));
        Assert.That(rules.Classify("how do i export").Rule, Is.EqualTo("user_experience: \"how do i\""), "the configured rules are still there");
        Assert.That(new SpotlightRuleSet(new SpotlightOptions(), new SpotlightRuleStore(_database)).Classify("bulk edit keeps tripping me up").Bucket,
            Is.EqualTo(SpotlightBuckets.Unclassified), "a restart reads it as removed");
    }

    [Test]
    public void Remove_Twice_OrAnUnknownId_SaysSo_AndKeepsTheFirstRemoval()
    {
        var rules = new SpotlightRuleSet(new SpotlightOptions(), new SpotlightRuleStore(_database));
        var (rule, _) = rules.Add(SpotlightBuckets.UserExperience, "keeps tripping me", "U0ANA", Noon, 1)!.Value;
        rules.Remove(rule.Id, "U0BEN", Noon.AddDays(1));

        var again = rules.Remove(rule.Id, "U0CIARA", Noon.AddDays(2));

        Assert.That(again.Outcome, Is.EqualTo(SpotlightRuleRemovalOutcome.AlreadyRemoved));
        Assert.That((again.Rule!.RemovedBy, again.Rule.RemovedAt), Is.EqualTo(("U0BEN", (DateTimeOffset?)Noon.AddDays(1))));
        Assert.That(rules.Remove(99, "U0BEN", Noon).Outcome, Is.EqualTo(SpotlightRuleRemovalOutcome.NoSuchRule));
    }

    [Test]
    public void Add_AfterARemoval_IsANewRule_AndTheListShowsTheRemovedOneAsRemoved()
    {
        var rules = new SpotlightRuleSet(new SpotlightOptions(), new SpotlightRuleStore(_database));
        var (first, _) = rules.Add(SpotlightBuckets.UserExperience, "keeps tripping me", "U0ANA", Noon, 1)!.Value;
        rules.Remove(first.Id, "U0BEN", Noon.AddHours(1));

        var (second, added) = rules.Add(SpotlightBuckets.UserExperience, "keeps tripping me", "U0CIARA", Noon.AddHours(2), 4)!.Value;

        Assert.That((added, second.Id == first.Id), Is.EqualTo((true, false)));
        Assert.That(rules.Classify("bulk edit keeps tripping me up").Rule, Is.EqualTo("user_experience: \"keeps tripping me\""));
        var listed = SpotlightRuleList.From(rules).Where(r => r.Pattern == "keeps tripping me").ToList();
        Assert.That(listed, Is.EqualTo(new[]
        {
            new SpotlightListedRule(SpotlightBuckets.UserExperience, "phrase", "keeps tripping me", "added by U0CIARA on 2026-11-23 14:00 UTC from #4", second.Id),
            new SpotlightListedRule(SpotlightBuckets.UserExperience, "removed", "keeps tripping me", "added by U0ANA on 2026-11-23 12:00 UTC from #1; removed by U0BEN on 2026-11-23 13:00 UTC", first.Id),
        }));
    }

    [Test]
    public async Task ARuleRemovedByAnotherProcess_StopsClassifyingInTheRunningBot_WithinAMinute()
    {
        var running = new SpotlightRuleSet(new SpotlightOptions(), new SpotlightRuleStore(_database));
        var (rule, _) = running.Add(SpotlightBuckets.UserExperience, "keeps tripping me", "U0ANA", Noon, 1)!.Value;
        var time = new FakeTimeProvider(Noon);
        using var refresh = new SpotlightRuleRefresh(running, time, NullLogger<SpotlightRuleRefresh>.Instance);
        await refresh.StartAsync(CancellationToken.None);

        new SpotlightRuleSet(new SpotlightOptions(), new SpotlightRuleStore(_database)).Remove(rule.Id, "U0BEN", Noon);
        Assert.That(running.Classify("bulk edit keeps tripping me up").Bucket, Is.EqualTo(SpotlightBuckets.UserExperience), "not read again yet");
        // The refresh starts its timer on a thread of its own: a minute passes on every look until it has seen one.
        await Eventually.ThatAsync(() =>
        {
            time.Advance(SpotlightRuleRefresh.Interval);
            return running.Classify("bulk edit keeps tripping me up").Bucket == SpotlightBuckets.Unclassified;
        }, "the running rules leave the removed one out");
        await refresh.StopAsync(CancellationToken.None);
    }
}
