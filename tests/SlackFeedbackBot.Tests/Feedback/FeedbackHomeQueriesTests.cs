using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Spotlight;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Feedback;

/// <summary>What the Home tab's feedback sections read, the same on SQLite and PostgreSQL.</summary>
[TestFixtureSource(typeof(ProviderDatabase), nameof(ProviderDatabase.Providers))]
public sealed class FeedbackHomeQueriesTests(StorageProvider provider)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset WeekAgo = Now.AddDays(-7);

    private ProviderDatabase _db = null!;
    private FeedbackRows _rows = null!;
    private FeedbackHomeQueries _home = null!;

    [SetUp]
    public async Task SetUp()
    {
        _db = await ProviderDatabase.CreateAsync(provider);
        _rows = new FeedbackRows(_db.Database);
        _home = new FeedbackHomeQueries(_db.Database);
    }

    [TearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    [Test]
    public void NewUnclassified_AreTheWeeksOpenUnclassifiedItems_NewestFirst()
    {
        _rows.Item("Too old", SpotlightBuckets.Unclassified, WeekAgo.AddDays(-1));
        var first = _rows.Item("The export page is blank", SpotlightBuckets.Unclassified, WeekAgo.AddDays(1));
        var second = _rows.Item("Where did my boards go", SpotlightBuckets.Unclassified, WeekAgo.AddDays(2));
        _rows.Item("How do I export?", SpotlightBuckets.UserExperience, WeekAgo.AddDays(2));
        _rows.Item("Gone", SpotlightBuckets.Unclassified, WeekAgo.AddDays(3), status: FeedbackStatus.Deleted);

        var items = _home.NewUnclassified(WeekAgo, 10);

        Assert.That(items.Select(i => (i.Item.Id, i.RecentReports)), Is.EqualTo(new[] { (second, 1), (first, 1) }));
        Assert.That(_home.NewUnclassified(WeekAgo, 1).Single().Item.Id, Is.EqualTo(second));
    }

    [Test]
    public void PastThreshold_AreOpenItemsAlertedSince_LatestAlertFirst()
    {
        var once = new OnceOnly(_db.Database);
        var early = _rows.Item("Trello sync please", SpotlightBuckets.ProductMarketing, WeekAgo.AddDays(-30));
        var late = _rows.Item("Offline mode please", SpotlightBuckets.ProductMarketing, WeekAgo.AddDays(-30));
        var planned = _rows.Item("Dark mode please", SpotlightBuckets.ProductMarketing, WeekAgo.AddDays(-30), status: FeedbackStatus.Planned);
        var before = _rows.Item("SSO please", SpotlightBuckets.ProductMarketing, WeekAgo.AddDays(-30));
        once.TryClaim(FeedbackOnceKeys.Alert(early, "reports:3"), WeekAgo.AddDays(1));
        once.TryClaim(FeedbackOnceKeys.Alert(late, "reports:3"), WeekAgo.AddDays(2));
        once.TryClaim(FeedbackOnceKeys.Alert(early, "customer:acme"), WeekAgo.AddDays(3));
        once.TryClaim(FeedbackOnceKeys.Alert(planned, "reports:3"), WeekAgo.AddDays(4));
        once.TryClaim(FeedbackOnceKeys.Alert(before, "reports:3"), WeekAgo.AddDays(-1));

        Assert.That(_home.PastThreshold(WeekAgo, 10).Select(i => i.Item.Id), Is.EqualTo(new[] { early, late }));
        Assert.That(_home.PastThreshold(Now, 10), Is.Empty);
    }

    [Test]
    public void Top_AreUnresolvedIssuesWithTheMostReportsSince_OldOnesIncluded()
    {
        var old = _rows.Item("Trello sync please", SpotlightBuckets.ProductMarketing, WeekAgo.AddDays(-60), "Acme", "U1");
        _rows.Report(old, "U2", "Globex", WeekAgo.AddDays(1));
        _rows.Report(old, "U3", "Hooli", WeekAgo.AddDays(2));
        var fresh = _rows.Item("Offline mode please", SpotlightBuckets.ProductMarketing, WeekAgo.AddDays(3), "Acme", "U1");
        var resolved = _rows.Item("Dark mode please", SpotlightBuckets.ProductMarketing, WeekAgo.AddDays(3));
        _rows.Report(resolved, "U2", "Globex", WeekAgo.AddDays(4));
        _rows.Report(resolved, "U3", "Hooli", WeekAgo.AddDays(4));
        _rows.Resolve(resolved, "U9", "Shipped", WeekAgo.AddDays(5));
        _rows.Item("Quiet for months", SpotlightBuckets.ProductMarketing, WeekAgo.AddDays(-60));

        Assert.That(_home.Top(WeekAgo, 10).Select(i => (i.Item.Id, i.RecentReports)), Is.EqualTo(new[] { (old, 2), (fresh, 1) }));
    }
}
