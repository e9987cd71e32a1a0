using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Tests.Feedback;

public sealed class FeedbackDigestQueriesTests
{
    private FeedbackHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new FeedbackHarness();

    [TearDown]
    public void TearDown() => _h.Dispose();

    private FeedbackDigestQueries Queries => _h.Get<FeedbackDigestQueries>();

    [Test]
    public async Task Period_ItemsCountsResolvedAndUnclassified()
    {
        // 2026-11-23 is a Monday (ISO week 48).
        var uxOld = (await _h.CaptureAsync("How do I add a user?", customer: "Acme")).Item!;
        _h.Time.Advance(TimeSpan.FromDays(7));
        var ux = (await _h.CaptureAsync("How do I remove a user?", customer: "Initech")).Item!;
        await _h.Service.AddSameAsync(ux.Id, "U2", "Same here", "Globex", CancellationToken.None);
        await _h.CaptureAsync("Can I pay yearly?");
        await _h.CaptureAsync("The app crashed twice");
        var deleted = (await _h.CaptureAsync("How do I delete this?", channel: "C1", ts: "1.1", path: CapturePaths.Passive)).Item!;
        _h.Service.MessageDeleted("C1", "1.1");
        await _h.Get<FeedbackResolver>().ResolveAsync(ux.Id, "U9", "Remove button added", CancellationToken.None);
        var weekStart = FeedbackHarness.Start.AddDays(7);
        var weekEnd = weekStart.AddDays(7);

        var items = Queries.ItemsCreatedIn(weekStart, weekEnd);
        var counts = Queries.CountsPerBucket(weekStart, weekEnd);
        var weeks = Queries.CountsPerBucketPerIsoWeek(FeedbackHarness.Start, weekEnd);
        var resolved = Queries.ResolvedIn(weekStart, weekEnd);
        var unclassified = Queries.NewUnclassified(weekStart, weekEnd);

        Assert.That(items.Select(i => i.Id), Does.Not.Contain(uxOld.Id).And.Not.Contain(deleted.Id));
        Assert.That(items[0].Id, Is.EqualTo(ux.Id), "most reported first");
        Assert.That(items[0].Reports, Is.EqualTo(2));
        Assert.That(items[0].CustomerList, Is.EquivalentTo(new[] { "Initech", "Globex" }));
        Assert.That(counts, Is.EquivalentTo(new[]
        {
            new BucketCount(SpotlightBuckets.UserExperience, 1), new BucketCount(SpotlightBuckets.ProductMarketing, 1), new BucketCount(SpotlightBuckets.Unclassified, 1),
        }));
        Assert.That(weeks.Where(w => w.Bucket == SpotlightBuckets.UserExperience).Select(w => (w.IsoWeek, w.Count)), Is.EqualTo(new[] { ("2026-W48", 1L), ("2026-W49", 1L) }));
        Assert.That(resolved.Single().Id, Is.EqualTo(ux.Id));
        Assert.That((resolved.Single().Reporters, resolved.Single().ReportersTold), Is.EqualTo((2L, 2L)));
        Assert.That(unclassified.Single().Text, Is.EqualTo("The app crashed twice"));
    }

    [Test]
    public async Task MostReportedIn_CountsReportsOfThePeriodOnOlderItemsToo()
    {
        var old = (await _h.CaptureAsync("Can I export to Excel?")).Item!;
        _h.Time.Advance(TimeSpan.FromDays(30));
        await _h.Service.AddSameAsync(old.Id, "U2", "Again", "Globex", CancellationToken.None);
        await _h.Service.AddSameAsync(old.Id, "U3", "And again", "Hooli", CancellationToken.None);
        await _h.CaptureAsync("How do I log in?");

        var top = Queries.MostReportedIn(_h.Time.GetUtcNow().AddDays(-1), _h.Time.GetUtcNow().AddDays(1));

        Assert.That(top.Select(i => (i.Id, i.Reports)).First(), Is.EqualTo((old.Id, 2L)));
        Assert.That(top[0].CustomerList, Is.EquivalentTo(new[] { "Globex", "Hooli" }));
    }

    [Test]
    public void IsoWeek_UsesIsoRulesAtYearBoundaries() =>
        Assert.That(FeedbackDigestQueries.IsoWeek(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc)), Is.EqualTo("2026-W53"));
}
