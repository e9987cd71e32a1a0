using Dapper;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Tests.Feedback;

/// <summary>The Feedback feature's query API, which Digests and Rotations call instead of reading the feedback tables.</summary>
public sealed class FeedbackDigestQueriesTests
{
    private FeedbackHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new FeedbackHarness();

    [TearDown]
    public void TearDown() => _h.Dispose();

    private FeedbackDigestQueries Queries => _h.Get<FeedbackDigestQueries>();

    [Test]
    public async Task ReportsByIssue_AreTheReportsOfThePeriod_OnOlderItemsToo_AndNeverOfDeletedOnes()
    {
        var old = (await _h.CaptureAsync("Can I export to Excel?", customer: "Acme")).Item!;
        _h.Time.Advance(TimeSpan.FromDays(30));
        var from = _h.Time.GetUtcNow();
        await _h.Service.AddSameAsync(old.Id, "U2", "Again", "Globex", CancellationToken.None);
        await _h.Service.AddSameAsync(old.Id, "U3", "And again", "Hooli", CancellationToken.None);
        var fresh = (await _h.CaptureAsync("How do I log in?", reporter: "U4")).Item!;
        var deleted = (await _h.CaptureAsync("How do I delete this?", channel: "C1", ts: "1.1", path: CapturePaths.Passive)).Item!;
        _h.Service.MessageDeleted("C1", "1.1");

        var reports = Queries.ReportsByIssue(from, from.AddDays(1));

        Assert.That(reports.Select(r => (r.IssueId, r.Customer, r.ReporterId)), Is.EqualTo(new[]
        {
            (old.Id, (string?)"Globex", (string?)"U2"), (old.Id, "Hooli", "U3"), (fresh.Id, null, "U4"),
        }));
        Assert.That(reports.Select(r => r.IssueId), Does.Not.Contain(deleted.Id));
        Assert.That(Queries.ReportsByIssue(from, from.AddDays(1), new FeedbackFilter(SpotlightBuckets.UserExperience)).Select(r => r.IssueId),
            Is.EqualTo(new[] { fresh.Id }), "filtered by the issue's bucket");
    }

    [Test]
    public async Task Issues_CarryStatusAndOneWhyItMattersAnswer()
    {
        var item = (await _h.CaptureAsync("Can I export to Excel?", customer: "Acme")).Item!;
        _h.Repository.AddFollowUp(item.Id, "C1", "1.1", "U1", _h.Time.GetUtcNow());
        _h.Repository.AnswerFollowUp("C1", "1.1", "U1", "Our finance team lives in Excel", _h.Time.GetUtcNow());

        var issue = Queries.Issues([item.Id]).Single();

        Assert.That((issue.Text, issue.Status, issue.Why), Is.EqualTo(("Can I export to Excel?", "open", (string?)"Our finance team lives in Excel")));
    }

    [Test]
    public async Task ResolvedIn_CountsTheReportersTold()
    {
        var item = (await _h.CaptureAsync("Can I export to Excel?", reporter: "U1")).Item!;
        await _h.Service.AddSameAsync(item.Id, "U2", "Same here", "Globex", CancellationToken.None);
        await _h.Get<FeedbackResolver>().ResolveAsync(item.Id, "U9", "Export shipped", CancellationToken.None);
        var now = _h.Time.GetUtcNow();

        var resolved = Queries.ResolvedIn(now.AddDays(-1), now.AddDays(1)).Single();

        Assert.That((resolved.Id, resolved.Resolution, resolved.ReportersTold), Is.EqualTo((item.Id, (string?)"Export shipped", 2)));
        Assert.That(Queries.ResolvedIn(now.AddDays(1), now.AddDays(2)), Is.Empty);
    }

    [Test]
    public async Task CapturedOnShiftAndBy_AnswerRotationsWithDefusedText()
    {
        await _h.CaptureAsync("Ping <!channel> the export is slow", reporter: "U7");
        using (var connection = _h.Database.Open())
        {
            connection.Execute("UPDATE feedback_items SET shift_key = 'support|1'");
        }

        var shift = Queries.CapturedOnShift("support|1", 5);
        var mine = Queries.CapturedBy("U7", 5);

        Assert.That(shift.Buckets.Sum(b => b.Count), Is.EqualTo(1));
        Assert.That(shift.Items.Single(), Does.Contain("@channel").And.Not.Contain("<!channel>"));
        Assert.That(mine.Items, Is.EqualTo(shift.Items));
        Assert.That(Queries.CapturedOnShiftBy(_h.Time.GetUtcNow().AddDays(-1), _h.Time.GetUtcNow().AddDays(1)), Is.EqualTo(new Dictionary<string, int> { ["U7"] = 1 }));
        Assert.That(Queries.HasAny(), Is.True);
    }
}
