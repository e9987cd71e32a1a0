using Dapper;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Digests;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Rotations;
using SlackFeedbackBot.Spotlight;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Digests;

/// <summary>The digest input loader on a real SQLite file and a real PostgreSQL: periods, filters, reports, resolutions, alerts, the rotation ledger.</summary>
[TestFixtureSource(typeof(ProviderDatabase), nameof(ProviderDatabase.Providers))]
public sealed class DigestJobInputLoaderTests(StorageProvider provider)
{
    private static readonly DateTimeOffset W48 = DigestJobSeed.Week48;
    private ProviderDatabase _db = null!;
    private Database _database = null!;
    private DigestJobSeed _seed = null!;
    private DigestBuilder _loader = null!;

    // The digest's loading, as the scheduled job runs it (Slack is not asked for names here).
    private DigestInput Load(DigestQuery query) => _loader.LoadAsync(query, CancellationToken.None).GetAwaiter().GetResult();

    [SetUp]
    public async Task SetUp()
    {
        _db = await ProviderDatabase.CreateAsync(provider);
        _database = _db.Database;
        _seed = new DigestJobSeed(_database);
        var buckets = new FeedbackBuckets(SpotlightClassifier.CreateDefault());
        _loader = new DigestBuilder(DigestSections.All, new DigestSources(new FeedbackDigestQueries(_database), new RotationDigestQueries(_database), new DigestBucketCatalog(buckets, Options.Create(new SpotlightOptions()))));
    }

    [TearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    private static DigestQuery Week48Query(DigestFilter? filter = null) =>
        DigestQuery.LastComplete(DigestPeriodKind.Week, TimeZoneInfo.Utc, W48.AddDays(7).AddHours(9), filter);

    [Test]
    public void Load_Week_ReadsThePeriodsItemsWithTheirReports_AndNothingOutsideIt()
    {
        var export = _seed.Item("How do I export to Excel?", "user_experience", W48.AddDays(1), "Acme", "UANN");
        _seed.MeToo(export, "UBO", "Globex", W48.AddDays(2));
        var trello = _seed.Item("Can you integrate with Trello?", "product_marketing", W48.AddDays(3), reporter: "UBO");
        var triage = _seed.Item("The export page is blank", "unclassified", W48.AddDays(6).AddHours(23));
        var deleted = _seed.Item("How do I log in?", "user_experience", W48.AddDays(2));
        _seed.Delete(deleted);
        _seed.Item("How do I invite people?", "user_experience", W48.AddDays(-1));
        _seed.Item("Can I pay yearly?", "product_marketing", W48.AddDays(7));

        var input = Load(Week48Query());

        Assert.That(input.Period.Label, Is.EqualTo("2026-W48"));
        Assert.That(input.Items.Select(i => i.Id), Is.EqualTo(new[] { export, trello, triage }));
        var first = input.Items[0];
        Assert.That(first.TotalReports, Is.EqualTo(2), "the first capture and the me-too");
        Assert.That(first.Customers, Is.EquivalentTo(new[] { "Acme", "Globex" }));
        Assert.That(first.ReporterIds, Is.EquivalentTo(new[] { "UANN", "UBO" }));
        Assert.That(input.NewUnclassified.Select(i => i.Id), Is.EqualTo(new[] { triage }));
        Assert.That(input.Buckets.Select(b => b.Id), Is.EqualTo(new[] { "positioning", "user_experience", "product_marketing", "unclassified" }));
        Assert.That(input.Buckets.Single(b => b.Id == "user_experience").TriggerPhrases, Does.Contain("how do i"));
    }

    [Test]
    public void Load_Week_PreviousCountsAndChartWeeks_CountTheRightWeeks()
    {
        var older = _seed.Item("How do I invite people?", "user_experience", W48.AddDays(-3));
        _seed.MeToo(older, "UBO", "Globex", W48.AddDays(-2));
        _seed.Item("Can I pay yearly?", "product_marketing", W48.AddDays(-6));
        _seed.Item("How do I export?", "user_experience", W48.AddDays(1));
        _seed.Item("How do I import?", "user_experience", W48.AddDays(-70));
        _seed.Item("How do I sync?", "user_experience", W48.AddDays(-90));

        var input = Load(Week48Query());

        Assert.That(input.PreviousCounts.Select(c => (c.Bucket, c.Count)), Is.EquivalentTo(new[] { ("user_experience", 2), ("product_marketing", 1) }),
            "the previous week counts reports, like the period itself");
        Assert.That(input.ChartWeeks, Has.Count.EqualTo(12));
        Assert.That(input.ChartWeeks[^1], Is.EqualTo(new DateOnly(2026, 11, 23)));
        Assert.That(input.ChartWeeks[0], Is.EqualTo(new DateOnly(2026, 9, 7)));
        var perWeek = input.WeeklyCounts.GroupBy(c => c.WeekStart).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        Assert.That(perWeek, Is.EquivalentTo(new Dictionary<DateOnly, int>
        {
            [new DateOnly(2026, 11, 23)] = 1,
            [new DateOnly(2026, 11, 16)] = 2,
            [new DateOnly(2026, 9, 14)] = 1,
        }), "items per week inside the 12 weeks; the one 13 weeks back is left out");
    }

    [Test]
    public void Load_Week_ResolvedThresholdsAndShifts_ComeFromTheirTables()
    {
        var old = _seed.Item("How do I export?", "user_experience", W48.AddDays(-20), reporter: "UANN");
        _seed.Resolve(old, "Export button added", W48.AddDays(2), "UANN", "UBO");
        var resolvedEarlier = _seed.Item("Can I pay yearly?", "product_marketing", W48.AddDays(-20));
        _seed.Resolve(resolvedEarlier, "Yes", W48.AddDays(-1));
        var loud = _seed.Item("How do I sync calendars?", "user_experience", W48.AddDays(1), shiftKey: "support|1", reporter: "UANN");
        _seed.Alert($"reports:{loud}:10", loud, W48.AddDays(4));
        _seed.Alert($"customer:{loud}:acme", loud, W48.AddDays(-2));
        _seed.Ledger("UANN", "served", W48.AddDays(1).AddHours(9));
        _seed.Ledger("UANN", "served", W48.AddDays(2).AddHours(9));
        _seed.Ledger("UANN", "missed", W48.AddDays(3).AddHours(9));
        _seed.Ledger("UBO", "swapped_away", W48.AddDays(4).AddHours(9));
        _seed.Ledger("UBO", "served", W48.AddDays(-3).AddHours(9));

        var input = Load(Week48Query());

        var resolved = input.Resolved.Single();
        Assert.That((resolved.Id, resolved.ResolutionNote, resolved.ReportersTold), Is.EqualTo((old, "Export button added", 2)));
        var hit = input.Thresholds.Single();
        Assert.That((hit.ItemId, hit.Description), Is.EqualTo((loud, $"#{loud} heard 10 times")));
        Assert.That(input.Shifts, Is.EqualTo(new[]
        {
            new ShiftSummary("UANN", Served: 2, Missed: 1, Swapped: 0, FeedbackCaptured: 1),
            new ShiftSummary("UBO", Served: 0, Missed: 0, Swapped: 1, FeedbackCaptured: 0),
        }));

        var digest = new DigestBuilder().Build(input);
        Assert.That(digest.Resolved.Sentence, Is.EqualTo("We closed the loop on 1 item; 2 reporters told."));
        Assert.That(digest.Rotation.Served, Is.EqualTo(2));
    }

    [Test]
    public void Load_FilteredByAreaOrBucket_ReadsOnlyThatFeedback()
    {
        var billing = _seed.Item("How do I download an invoice?", "user_experience", W48.AddDays(1), area: "billing");
        _seed.Item("Can I pay by invoice?", "product_marketing", W48.AddDays(-4), area: "billing");
        var other = _seed.Item("How do I connect Trello?", "user_experience", W48.AddDays(1), area: "integrations");
        var marketing = _seed.Item("Can you support SSO?", "product_marketing", W48.AddDays(2));

        var byArea = Load(Week48Query(new DigestFilter(null, "billing")));
        var byBucket = Load(Week48Query(new DigestFilter("product_marketing", null)));

        Assert.That(byArea.Items.Select(i => i.Id), Is.EqualTo(new[] { billing }));
        Assert.That(byArea.ProductArea, Is.EqualTo("billing"));
        Assert.That(byArea.PreviousCounts.Select(c => (c.Bucket, c.Count, c.ProductArea)), Is.EqualTo(new[] { ("product_marketing", 1, (string?)"billing") }));
        Assert.That(byBucket.Items.Select(i => i.Id), Is.EqualTo(new[] { marketing }));
        Assert.That(byBucket.Buckets.Select(b => b.Id), Is.EqualTo(new[] { "product_marketing" }));
        Assert.That(new DigestBuilder().Build(byArea).Buckets.Single(b => b.Id == "user_experience").Delta.Current, Is.EqualTo(1));
        Assert.That(other, Is.Not.EqualTo(billing));
    }

    [Test]
    public void Load_InAZone_CountsTheLocalWeek()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        // Sunday 22 November 23:30 UTC is already Monday 00:30 in Berlin: week 48 there, week 47 in UTC.
        var edge = _seed.Item("How do I export?", "user_experience", new DateTimeOffset(2026, 11, 22, 23, 30, 0, TimeSpan.Zero));

        var local = Load(DigestQuery.LastComplete(DigestPeriodKind.Week, berlin, new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero)));
        var utc = Load(Week48Query());

        Assert.That(local.Items.Select(i => i.Id), Is.EqualTo(new[] { edge }));
        Assert.That(utc.Items, Is.Empty);
    }

}

/// <summary>SQLite's plans for the digest's queries: each one seeks an index (PostgreSQL plans by table statistics instead).</summary>
public sealed class DigestQueryPlanTests
{
    [Test]
    public void EveryDigestQuery_SeeksAnIndex_NeverScansATable()
    {
        using var dir = new TempDirectory();
        var database = new Database(dir.File("bot.db"));
        database.Initialize();
        using var connection = database.Open();
        foreach (var filter in new[] { DigestFilter.None, new DigestFilter(null, "billing"), new DigestFilter("user_experience", null) })
        {
            foreach (var sql in DigestSources.Statements(filter))
            {
                var plan = string.Join("\n", connection.Query<(long, long, long, string Detail)>("EXPLAIN QUERY PLAN " + sql,
                    new { fromMs = 0L, toMs = 1L, bucket = filter.Bucket, area = filter.ProductArea, ids = new[] { 1L, 2L }, prefixFrom = "feedback:alert:", prefixTo = "feedback:alert;" })
                    .Select(row => row.Detail));
                Assert.That(plan, Does.Contain("SEARCH").And.Not.Contain("SCAN "), sql);
            }
        }
    }
}
