using Microsoft.Extensions.Options;
using SlackFeedbackBot.Digests;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Rotations;
using SlackFeedbackBot.Spotlight;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Digests;

/// <summary>
/// Top issues follow issues, not creation dates: an old issue heard again counts with this period's reports and customers,
/// each issue shows its change against the previous period, "not yet" issues asked about again get their own section,
/// and each top issue carries one reporter's word on why it matters. On a real SQLite file and a real PostgreSQL, through the Feedback API.
/// </summary>
[TestFixtureSource(typeof(ProviderDatabase), nameof(ProviderDatabase.Providers))]
public sealed class DigestIssuesOfThePeriodTests(StorageProvider provider)
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

    private Digest Week48() =>
        new DigestBuilder().Build(Load(DigestQuery.LastComplete(DigestPeriodKind.Week, TimeZoneInfo.Utc, W48.AddDays(7).AddHours(9))));

    private static IReadOnlyList<KeyPhraseGroup> Top(Digest digest, string bucket) => digest.Buckets.Single(b => b.Id == bucket).TopIssues;

    [Test]
    public void AnOldIssueHeardAgainThisWeek_IsATopIssue_WithThisWeeksCountsAndARisingMark()
    {
        var trello = _seed.Item("Can you integrate with Trello?", "product_marketing", W48.AddDays(-40), "Acme", "UANN");
        _seed.MeToo(trello, "UBO", "Globex", W48.AddDays(1));
        _seed.MeToo(trello, "UCY", "Hooli", W48.AddDays(2));
        _seed.MeToo(trello, "UDI", "Hooli", W48.AddDays(3));
        _seed.Item("Can I pay yearly?", "product_marketing", W48.AddDays(2), "Initech", "UANN");

        var digest = Week48();

        var top = Top(digest, "product_marketing");
        Assert.That(top[0].ItemIds, Is.EqualTo(new[] { trello }));
        Assert.That((top[0].ReportCount, top[0].CustomerCount), Is.EqualTo((3, 2)), "this week's reports and customers, not Acme's first report");
        Assert.That((top[0].Trend, top[0].PreviousReportCount, top[0].TrendText), Is.EqualTo(((IssueTrend?)IssueTrend.Rising, 0, "rising, +3")));
        Assert.That(top[1].Trend, Is.EqualTo(IssueTrend.New));
        Assert.That(digest.Buckets.Single(b => b.Id == "product_marketing").Delta.Current, Is.EqualTo(4));
        var text = DigestTextRenderer.Render(digest);
        Assert.That(text, Does.Contain("1. integrate trello: 3 reports, 2 customers (rising, +3; 0 in the previous week)"));
        Assert.That(DigestLayout.Parts(digest).Select(part => part.Text), Has.Some.Contains("*integrate trello*: 3 reports, 2 customers · _rising, +3_"));
    }

    [Test]
    public void EachTopIssue_ShowsItsChangeAgainstThePreviousWeek()
    {
        var export = _seed.Item("How do I export to Excel?", "user_experience", W48.AddDays(-6), "Acme");
        _seed.MeToo(export, "UBO", "Globex", W48.AddDays(-5));
        _seed.MeToo(export, "UCY", "Hooli", W48.AddDays(-4));
        _seed.MeToo(export, "UDI", "Initech", W48.AddDays(1));
        var invite = _seed.Item("How do I invite my whole team?", "user_experience", W48.AddDays(-3), "Acme");
        _seed.MeToo(invite, "UBO", "Globex", W48.AddDays(2));
        var sso = _seed.Item("How do I turn on single sign-on?", "user_experience", W48.AddDays(3), "Hooli");

        var top = Top(Week48(), "user_experience").ToDictionary(issue => issue.ItemIds.Single());

        Assert.That((top[export].ReportCount, top[export].PreviousReportCount, top[export].Trend, top[export].TrendText),
            Is.EqualTo((1, 3, (IssueTrend?)IssueTrend.Falling, "falling, \u22122")));
        Assert.That((top[invite].ReportCount, top[invite].PreviousReportCount, top[invite].Trend), Is.EqualTo((1, 1, (IssueTrend?)IssueTrend.Steady)));
        Assert.That((top[sso].ReportCount, top[sso].PreviousReportCount, top[sso].Trend), Is.EqualTo((1, 0, (IssueTrend?)IssueTrend.New)));
    }

    [Test]
    public void NotYetIssuesAskedAboutAgain_HaveTheirOwnSection()
    {
        var offline = _seed.Item("Can you add an offline mode?", "product_marketing", W48.AddDays(-30), "Acme");
        _seed.MeToo(offline, "UBO", "Globex", W48.AddDays(1));
        _seed.MeToo(offline, "UCY", "Hooli", W48.AddDays(4));
        var quiet = _seed.Item("Can you add a dark theme?", "product_marketing", W48.AddDays(-30), "Acme");
        _seed.NotYet(offline);
        _seed.NotYet(quiet);

        var digest = Week48();

        Assert.That(digest.NotYet.Shown.Select(line => (line.Id, line.Reports, line.Customers)), Is.EqualTo(new[] { (offline, 2, 2) }),
            "only the not-yet issue heard this week");
        Assert.That(Top(digest, "product_marketing"), Is.Empty, "a not-yet issue is listed once, in its own section");
        Assert.That(DigestTextRenderer.Render(digest), Does.Contain($"Not yet, but asked again\n  - #{offline} \"Can you add an offline mode?\": 2 reports, 2 customers"));
        Assert.That(DigestLayout.Parts(digest).Select(part => part.Text), Has.Some.StartsWith("*Not yet, but asked again*\n• #"));
    }

    [Test]
    public void ATopIssue_CarriesOneWhyItMattersQuote_DefusedAndCut()
    {
        var trello = _seed.Item("Can you integrate with Trello?", "product_marketing", W48.AddDays(1), "Acme", "UANN");
        _seed.MeToo(trello, "UBO", "Globex", W48.AddDays(2));
        var why = "We retype every card by hand <!channel>, two hours a week. " + string.Concat(Enumerable.Repeat("It adds up. ", 40));
        _seed.Why(trello, why, W48.AddDays(1).AddHours(1));

        var digest = Week48();

        var issue = Top(digest, "product_marketing").Single();
        Assert.That(issue.Why, Does.StartWith("We retype every card by hand <!channel>"));
        Assert.That(issue.Why!.Length, Is.LessThanOrEqualTo(new DigestSettings().QuoteMaxLength));
        var block = DigestLayout.Parts(digest).Select(part => part.Text).Single(text => text.Contains("Why it matters", StringComparison.Ordinal));
        Assert.That(block, Does.Contain("_Why it matters:_ We retype every card by hand @channel, two hours a week."));
        Assert.That(block, Does.Not.Contain("<!channel>"));
        Assert.That(DigestTextRenderer.Render(digest), Does.Contain("     Why it matters: \"We retype every card by hand"));
    }
}
