using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Feedback.Issues;
using SlackFeedbackBot.Spotlight;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Feedback;

/// <summary>The Feedback feature's answers to Digests and Rotations over a period, the same on SQLite and PostgreSQL.</summary>
[TestFixtureSource(typeof(ProviderDatabase), nameof(ProviderDatabase.Providers))]
public sealed class FeedbackDigestQueriesStorageTests(StorageProvider provider)
{
    private static readonly DateTimeOffset From = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddDays(7);

    private ProviderDatabase _db = null!;
    private FeedbackRows _rows = null!;
    private FeedbackDigestQueries _queries = null!;

    [SetUp]
    public async Task SetUp()
    {
        _db = await ProviderDatabase.CreateAsync(provider);
        _rows = new FeedbackRows(_db.Database);
        _queries = new FeedbackDigestQueries(_db.Database);
    }

    [TearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    [Test]
    public void ReportsByIssue_AreThePeriodsReportsOnOldIssuesToo_CountedForTheRootTheyWereMergedInto()
    {
        Assert.That(_queries.HasAny(), Is.False);
        var old = _rows.Item("Can you integrate with Trello?", SpotlightBuckets.ProductMarketing, From.AddDays(-40), "Acme", "U1", area: "integrations");
        var merged = _rows.Item("Trello cards from tasks?", SpotlightBuckets.ProductMarketing, From.AddDays(-20), "Initech", "U5");
        new IssueRepository(_db.Database).Merge(merged, old, "U9", From.AddDays(-10));
        _rows.Report(old, "U2", "Globex", From.AddDays(1));
        _rows.Report(merged, "U3", "Hooli", From.AddDays(2));
        _rows.Report(old, "U4", "Umbrella", To);
        var fresh = _rows.Item("How do I log in?", SpotlightBuckets.UserExperience, From.AddDays(3), reporter: "U6");
        _rows.Item("How do I delete this?", SpotlightBuckets.UserExperience, From.AddDays(4), status: FeedbackStatus.Deleted);

        var reports = _queries.ReportsByIssue(From, To);

        Assert.That(reports.Select(r => (r.IssueId, r.ItemId, r.Customer, r.ReporterId)), Is.EqualTo(new[]
        {
            (old, old, (string?)"Globex", (string?)"U2"), (old, merged, "Hooli", "U3"), (fresh, fresh, null, "U6"),
        }), "the end of the period is left out, and so is the deleted item");
        Assert.That(_queries.ReportsByIssue(From, To, new FeedbackFilter(SpotlightBuckets.UserExperience)).Select(r => r.IssueId), Is.EqualTo(new[] { fresh }));
        Assert.That(_queries.ReportsByIssue(From, To, new FeedbackFilter(null, "integrations")).Select(r => r.ItemId), Is.EqualTo(new[] { old }));
        Assert.That(_queries.ReportsByIssue(From.AddDays(-7), From), Is.Empty);
        Assert.That(_queries.IssueRootsOf([merged, fresh]), Is.EqualTo(new Dictionary<long, long> { [merged] = old, [fresh] = fresh }));
        Assert.That(_queries.HasAny(), Is.True);
    }

    [Test]
    public void Issues_CarryStatusAndWhyItMatters_AndItemsCreatedAreCountedPerBucketAndArea()
    {
        var trello = _rows.Item("Can you integrate with Trello?", SpotlightBuckets.ProductMarketing, From.AddDays(1), "Acme", area: "integrations");
        var login = _rows.Item("How do I log in?", SpotlightBuckets.UserExperience, From.AddDays(2));
        _rows.Item("How do I log out?", SpotlightBuckets.UserExperience, From.AddDays(3));
        _rows.Item("Before the period", SpotlightBuckets.UserExperience, From.AddDays(-1));
        var gone = _rows.Item("Gone", SpotlightBuckets.UserExperience, From.AddDays(3), status: FeedbackStatus.Deleted);
        _rows.AnswerWhy(trello, "Our finance team lives in Trello", From.AddDays(1));
        _rows.SetStatus(login, FeedbackStatus.NotYet);

        var issues = _queries.Issues([trello, login, gone, trello]).OrderBy(i => i.Id).ToList();

        Assert.That(issues.Select(i => (i.Id, i.Status, i.Why, i.ProductArea)), Is.EqualTo(new[]
        {
            (trello, FeedbackStatus.Open, (string?)"Our finance team lives in Trello", (string?)"integrations"), (login, FeedbackStatus.NotYet, null, null),
        }));
        Assert.That(_queries.ItemsCreatedPerBucket(From, To).OrderBy(c => c.Bucket), Is.EqualTo(new[]
        {
            new FeedbackBucketCount(SpotlightBuckets.ProductMarketing, "integrations", 1), new FeedbackBucketCount(SpotlightBuckets.UserExperience, null, 2),
        }));
        Assert.That(_queries.ItemsCreatedPerBucket(From, To, new FeedbackFilter(null, "integrations")).Single().Count, Is.EqualTo(1));
    }

    [Test]
    public void ResolvedAndAlerts_OfThePeriod_WithTheReportersToldAndTheIssuesFilter()
    {
        var once = new OnceOnly(_db.Database);
        var export = _rows.Item("Can I export to Excel?", SpotlightBuckets.ProductMarketing, From.AddDays(-30), reporter: "U1");
        var late = _rows.Item("Dark mode?", SpotlightBuckets.UserExperience, From.AddDays(-30));
        _rows.Resolve(export, "U9", "Export shipped", From.AddDays(2));
        _rows.Resolve(late, "U9", "Shipped", To);
        once.TryClaim(FeedbackOnceKeys.Told(export, "U1"), From.AddDays(2));
        once.TryClaim(FeedbackOnceKeys.Told(export, "U2"), From.AddDays(2));
        once.TryClaim(FeedbackOnceKeys.Alert(export, "reports:3"), From.AddDays(1));
        once.TryClaim(FeedbackOnceKeys.Alert(late, "customer:acme"), From.AddDays(3));
        once.TryClaim(FeedbackOnceKeys.Alert(late, "reports:3"), From.AddDays(-1));

        var resolved = _queries.ResolvedIn(From, To).Single();

        Assert.That((resolved.Id, resolved.Resolution, resolved.ReportersTold, resolved.ResolvedAt), Is.EqualTo((export, (string?)"Export shipped", 2, (DateTimeOffset?)From.AddDays(2))));
        Assert.That(_queries.AlertsIn(From, To).Select(a => (a.IssueId, a.AlertKey, a.RaisedAt)), Is.EqualTo(new[]
        {
            (export, "reports:3", From.AddDays(1)), (late, "customer:acme", From.AddDays(3)),
        }));
        Assert.That(_queries.AlertsIn(From, To, new FeedbackFilter(SpotlightBuckets.UserExperience)).Select(a => a.IssueId), Is.EqualTo(new[] { late }));
    }

    [Test]
    public void CapturedOnShift_AndByAPerson_CountPerBucket_AndNameTheIssueOfAMergedItem()
    {
        var root = _rows.Item("Trello sync please", SpotlightBuckets.ProductMarketing, From.AddDays(1), reporter: "U7", shiftKey: "support|1");
        var merged = _rows.Item("Trello <!channel> cards", SpotlightBuckets.ProductMarketing, From.AddDays(2), reporter: "U7", shiftKey: "support|1");
        _rows.Item("How do I log in?", SpotlightBuckets.UserExperience, From.AddDays(3), reporter: "U8", shiftKey: "support|1");
        _rows.Item("Not on a shift", SpotlightBuckets.UserExperience, From.AddDays(3), reporter: "U7");
        new IssueRepository(_db.Database).Merge(merged, root, "U9", From.AddDays(3));

        var shift = _queries.CapturedOnShift("support|1", 2);
        var mine = _queries.CapturedBy("U7", 5);

        Assert.That(shift.Buckets, Is.EqualTo(new[] { (SpotlightBuckets.ProductMarketing, 2), (SpotlightBuckets.UserExperience, 1) }));
        Assert.That(shift.Items, Has.Count.EqualTo(2), "the latest two");
        Assert.That(shift.Items[0], Is.EqualTo("[user_experience] How do I log in?"));
        Assert.That(shift.Items[1], Does.StartWith("[product_marketing] Trello").And.Contain("@channel").And.Not.Contain("<!channel>")
            .And.EndWith($"(part of #{root}, 2 reports)"));
        Assert.That(mine.Buckets, Is.EqualTo(new[] { (SpotlightBuckets.ProductMarketing, 2), (SpotlightBuckets.UserExperience, 1) }));
        Assert.That(_queries.CapturedOnShiftBy(From, To), Is.EqualTo(new Dictionary<string, int> { ["U7"] = 2, ["U8"] = 1 }));
    }
}
