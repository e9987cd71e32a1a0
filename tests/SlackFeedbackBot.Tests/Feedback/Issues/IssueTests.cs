using SlackFeedbackBot.Tests.Support;
using SlackFeedbackBot.Storage;
using Dapper;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Feedback.Issues;
using SlackFeedbackBot.Slack.Directory;

namespace SlackFeedbackBot.Tests.Feedback.Issues;

/// <summary>Issues through the feature as the bot wires it: offers on capture, merge and unmerge, and the merged issue in thresholds, lists, show and resolve.</summary>
[TestFixtureSource(typeof(ProviderDatabase), nameof(ProviderDatabase.Providers))]
public sealed class IssueTests(StorageProvider provider)
{
    private FeedbackHarness _h = null!;

    private const string Trello = "Acme asks if we integrate with Trello, they want cards created from tasks";
    private const string TrelloAgain = "Globex wants a Trello integration so tasks show up as Trello cards";

    [SetUp]
    public async Task SetUp() => _h = await FeedbackHarness.StartAsync(provider, new Dictionary<string, string?>
    {
        ["Feedback:Thresholds:ReportCount"] = "3",
        ["Feedback:Thresholds:AlertChannel"] = "CALERTS",
        ["Feedback:Admins:0"] = "UADMIN",
    });

    [TearDown]
    public void TearDown() => _h.Dispose();

    private IssueRepository Issues => _h.Get<IssueRepository>();

    private async Task<FeedbackItem> CaptureAsync(string text, string reporter, string? customer = null) =>
        (await _h.CaptureAsync(text, reporter: reporter, customer: customer)).Item!;

    private static string Text(FeedbackHarness.CommandReply? reply) => reply?.Json ?? "";

    [Test]
    public async Task Capture_LikeAnOpenItem_OffersIt_WithItsSizeAndSharedWords()
    {
        var first = await CaptureAsync(Trello, "U1", "Acme");
        await CaptureAsync("Can we get SSO with Okta?", "U1");

        var reply = await _h.CommandAsync("customer:Globex " + TrelloAgain, user: "U2");

        Assert.That(Text(reply), Does.Contain($"Looks like *#{first.Id}* (1 report from 1 customer)").And.Contain("`trello`")
            .And.Contain(IssueOfferBlocks.SameAction).And.Contain(IssueOfferBlocks.DifferentAction));
        Assert.That(Text(reply), Does.Not.Contain("`globex`").And.Not.Contain("`acme`"), "customer names are never the reason");
        Assert.That(_h.Get<IssueSuggestions>().Pending().Select(s => (s.Item.Id, s.Issue.Id)), Is.EqualTo(new[] { (first.Id + 2, first.Id) }));
        Assert.That(_h.Repository.Get(first.Id + 2)!.MergedIntoId, Is.Null, "an offer never merges on its own");
    }

    [Test]
    public async Task Capture_UnlikeAnything_OffersNothing()
    {
        await CaptureAsync(Trello, "U1");

        var reply = await _h.CommandAsync("Dark mode please, the designers work at night", user: "U2");

        Assert.That(Text(reply), Does.Not.Contain("Looks like"));
        Assert.That(_h.Get<IssueSuggestions>().Pending(), Is.Empty);
    }

    [Test]
    public async Task Different_IsRemembered_AndThePairIsNeverOfferedAgain()
    {
        var first = await CaptureAsync(Trello, "U1");
        var second = (await _h.Service.CaptureAsync(new FeedbackCapture { Text = TrelloAgain, ReporterId = "U2" }, CancellationToken.None));
        Assert.That(second.Offer?.IssueId, Is.EqualTo(first.Id));

        Issues.AnswerOffer(second.Item!.Id, first.Id, IssueAnswers.Different, "U2", _h.Time.GetUtcNow());

        Assert.That(_h.Get<IssueMatcher>().FindFor(second.Item), Is.Null);
        Assert.That(_h.Get<IssueSuggestions>().Pending(), Is.Empty);
    }

    [Test]
    public async Task Merge_ByCommand_CountsTheReportsForTheRoot_AndKeepsWhoDidIt()
    {
        var root = await CaptureAsync("Trello power-up please", "U1", "Acme");
        var other = await CaptureAsync("Trello integration for cards", "U2", "Globex");

        var reply = await _h.CommandAsync($"merge {other.Id} into {root.Id}", user: "U2");

        Assert.That(reply!.Text, Does.Contain($"#{other.Id} is now part of #{root.Id} (2 reports from 2 customers)"));
        Assert.That(_h.Repository.Get(other.Id)!.MergedIntoId, Is.EqualTo(root.Id));
        Assert.That(Issues.History(other.Id).Single(), Is.EqualTo(new IssueMerge(other.Id, root.Id, "U2", _h.Time.GetUtcNow().ToUnixTimeMilliseconds(), null, null)));
    }

    [Test]
    public async Task Merge_Refusals_AreFriendly()
    {
        var a = await CaptureAsync("Trello power-up please", "U1");
        var b = await CaptureAsync("Trello integration for cards", "U1");
        var c = await CaptureAsync("Trello boards sync", "U1");
        await _h.CommandAsync($"merge {b.Id} into {a.Id}", user: "U1");

        Assert.That((await _h.CommandAsync($"merge {a.Id} into {a.Id}", user: "U1"))!.Text, Does.Contain("cannot be merged into itself"));
        Assert.That((await _h.CommandAsync($"merge {c.Id} into {b.Id}", user: "U1"))!.Text, Does.Contain($"#{b.Id} is itself merged into #{a.Id}").And.Contain($"`/feedback merge {c.Id} into {a.Id}`"));
        Assert.That((await _h.CommandAsync($"merge {a.Id} into {b.Id}", user: "U1"))!.Text, Does.Contain("circle"));
        Assert.That((await _h.CommandAsync($"merge {c.Id} into 999", user: "U1"))!.Text, Does.Contain("There is no feedback #999"));
        Assert.That((await _h.CommandAsync($"merge {c.Id} into {a.Id}", user: "USTRANGER"))!.Text, Does.Contain("may merge"));
        Assert.That((await _h.CommandAsync("merge 12", user: "U1"))!.Text, Does.Contain("/feedback merge 23 into 12"));
        Assert.That(_h.Repository.Get(c.Id)!.MergedIntoId, Is.Null);
    }

    [Test]
    public async Task Merge_AnIssue_BringsItsMergedItemsAlong_SoEveryItemPointsAtTheRoot()
    {
        var a = await CaptureAsync("Trello power-up please", "U1");
        var b = await CaptureAsync("Trello integration for cards", "U1");
        var c = await CaptureAsync("Trello boards sync", "U1");
        await _h.CommandAsync($"merge {c.Id} into {b.Id}", user: "U1");

        var reply = await _h.CommandAsync($"merge {b.Id} into {a.Id}", user: "U1");

        Assert.That(reply!.Text, Does.Contain($"came along: #{c.Id}"));
        Assert.That(Issues.RootsOf([a.Id, b.Id, c.Id]), Is.EqualTo(new Dictionary<long, long> { [a.Id] = a.Id, [b.Id] = a.Id, [c.Id] = a.Id }));
        Assert.That(_h.Get<FeedbackDigestQueries>().IssueRootsOf([c.Id]), Is.EqualTo(new Dictionary<long, long> { [c.Id] = a.Id }));
    }

    [Test]
    public async Task Unmerge_MakesItItsOwnIssueAgain_AndTheHistorySaysWho()
    {
        var root = await CaptureAsync("Trello power-up please", "U1");
        var other = await CaptureAsync("Trello integration for cards", "U2");
        await _h.CommandAsync($"merge {other.Id} into {root.Id}", user: "U2");

        var reply = await _h.CommandAsync($"unmerge {other.Id}", user: "UADMIN");

        Assert.That(reply!.Text, Does.Contain($"#{other.Id} is its own issue again"));
        Assert.That(_h.Repository.Get(other.Id)!.MergedIntoId, Is.Null);
        Assert.That(Issues.History(other.Id).Single().UndoneBy, Is.EqualTo("UADMIN"));
        Assert.That((await _h.CommandAsync($"unmerge {other.Id}", user: "U2"))!.Text, Does.Contain("is not merged into anything"));
    }

    [Test]
    public async Task Threshold_CountsTheReportsOfEveryMergedItem()
    {
        var root = await CaptureAsync("Trello power-up please", "U1");
        var second = await CaptureAsync("Trello integration for cards", "U2");
        await _h.CommandAsync($"merge {second.Id} into {root.Id}", user: "U2");
        Assert.That(_h.Api.Posts.Where(p => p.Channel == "CALERTS"), Is.Empty, "two reports: below the threshold of 3");

        var third = await CaptureAsync("Trello boards sync", "U3");
        await _h.CommandAsync($"merge {third.Id} into {root.Id}", user: "U3");
        await _h.DrainOutboxAsync();

        var alert = _h.Api.Posts.Single(p => p.Channel == "CALERTS");
        Assert.That(alert.Message.Text, Does.Contain($"Feedback #{root.Id} has been heard from 3 customers"));
    }

    [Test]
    public async Task ListAndSearch_ShowTheRootOnce_WithTheIssuesReports()
    {
        var root = await CaptureAsync("Trello power-up please", "U1");
        var other = await CaptureAsync("Trello integration for cards", "U2");
        await _h.CommandAsync($"merge {other.Id} into {root.Id}", user: "U2");

        var list = await _h.CommandAsync("list", user: "U1");
        var search = await _h.CommandAsync("search trello", user: "U1");

        foreach (var reply in new[] { list, search })
        {
            Assert.That(Text(reply), Does.Contain($"*#{root.Id}*").And.Contain("2 reports").And.Contain($"merged: #{other.Id}"));
            Assert.That(Text(reply), Does.Not.Contain($"*#{other.Id}*"), "the merged item points to its root instead of showing itself");
        }
    }

    [Test]
    public async Task Show_ListsTheMergedItems_AndAMergedItemNamesItsIssue()
    {
        var root = await CaptureAsync("Trello power-up please", "U1");
        var other = await CaptureAsync("Trello integration for cards", "U2");
        await _h.CommandAsync($"merge {other.Id} into {root.Id}", user: "U2");

        var shown = Text(await _h.CommandAsync($"show {root.Id}", user: "U1"));
        var merged = Text(await _h.CommandAsync($"show {other.Id}", user: "U1"));

        Assert.That(shown, Does.Contain("Merged into this issue").And.Contain($"*#{other.Id}*").And.Contain($"merged #{other.Id} into #{root.Id}"));
        Assert.That(merged, Does.Contain($"Part of issue *#{root.Id}*"));
    }

    [Test]
    public async Task Resolve_TheRoot_TellsEveryReporterOfEveryMergedItemOnce()
    {
        var root = await CaptureAsync("Trello power-up please", "U1");
        var other = await CaptureAsync("Trello integration for cards", "U2");
        await _h.Service.AddSameAsync(other.Id, "U1", "Hooli asks for it too", "Hooli", CancellationToken.None);
        await _h.CommandAsync($"merge {other.Id} into {root.Id}", user: "U2");

        var first = await _h.CommandAsync($"resolve {root.Id} The Trello power-up is live", user: "U1");
        var again = await _h.CommandAsync($"resolve {root.Id} The Trello power-up is live", user: "U1");
        var ofMerged = await _h.CommandAsync($"resolve {other.Id} Shipped", user: "U2");

        Assert.That(first!.Text, Does.Contain("told its 2 reporters"));
        Assert.That(again!.Text, Does.Contain("Nobody new to tell"));
        Assert.That(ofMerged!.Text, Does.Contain($"part of #{root.Id}"));
        var dms = _h.Api.Posts.Where(p => p.Channel.StartsWith('D')).Select(p => p.Channel).Order().ToList();
        Assert.That(dms, Is.EqualTo(new[] { "DU1", "DU2" }));
    }

    private async Task<string> ExportAsync(long issueId, IPersonNames? names = null)
    {
        var csv = new StringWriter();
        await _h.Get<IssueReportsExporter>().ExportAsync(issueId, csv, names);
        return csv.ToString();
    }

    [Test]
    public async Task ExportIssue_HasTheReportsOfEveryMergedItem_AndOfItemsMergedIntoThose()
    {
        var root = await CaptureAsync("Trello power-up please", "U1");
        var merged = await CaptureAsync("Trello integration for cards", "U2");
        var intoMerged = await CaptureAsync("Trello boards sync", "U3");
        await _h.Service.AddSameAsync(merged.Id, "U4", "Hooli asks for Trello too", "Hooli", CancellationToken.None, why: "their team lives in Trello");
        await _h.CommandAsync($"merge {merged.Id} into {root.Id}", user: "UADMIN");
        // An item pointing at a merged item (a chain, which merges no longer make) still belongs to the issue.
        using (var connection = _h.Database.Open())
        {
            connection.Execute("UPDATE feedback_items SET merged_into_id = @into WHERE id = @id", new { into = merged.Id, id = intoMerged.Id });
        }

        var rows = (await ExportAsync(root.Id)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();

        Assert.That(rows.Select(r => (r[0], r[1], r[7])), Is.EquivalentTo(new[]
        {
            ($"{root.Id}", $"{root.Id}", "Trello power-up please"),
            ($"{root.Id}", $"{merged.Id}", "Trello integration for cards"),
            ($"{root.Id}", $"{merged.Id}", "Hooli asks for Trello too"),
            ($"{root.Id}", $"{intoMerged.Id}", "Trello boards sync"),
        }), "every report of every item of the issue, under the issue's number");
        Assert.That(_h.Get<FeedbackIssueItems>().ItemsOf(root.Id), Is.EqualTo(new[] { root.Id, merged.Id, intoMerged.Id }));
        Assert.That(_h.Get<FeedbackWhyQueries>().WhyQuotes(root.Id).Select(q => (q.ItemId, q.Why)), Is.EqualTo(new[] { (merged.Id, "their team lives in Trello") }),
            "the why quotes of an issue include its merged items'");
    }

    [Test]
    public async Task ExportIssue_AfterUnmerge_LeavesTheItemOut()
    {
        var root = await CaptureAsync("Trello power-up please", "U1");
        var other = await CaptureAsync("Trello integration for cards", "U2");
        await _h.CommandAsync($"merge {other.Id} into {root.Id}", user: "U2");
        await _h.CommandAsync($"unmerge {other.Id}", user: "UADMIN");

        var export = await ExportAsync(root.Id);

        Assert.That(export, Does.Contain("Trello power-up please").And.Not.Contain("Trello integration for cards"));
    }

    [Test]
    public async Task ExportIssue_NamesSlackUsersAsSlackNamesThemNow_ElseByTheRecordedName_ElseByTheirId()
    {
        var item = (await _h.Service.CaptureAsync(new FeedbackCapture { Text = "Trello power-up please", ReporterId = "U1", ReporterName = "ana (old name)" }, CancellationToken.None)).Item!;
        await _h.Service.AddSameAsync(item.Id, "U2", "Trello for Globex too", "Globex", CancellationToken.None, reporterName: "ben");
        await _h.Service.AddSameAsync(item.Id, "U3", "Trello for Hooli", "Hooli", CancellationToken.None);
        var names = new KnownPersonNames(new Dictionary<string, string> { ["U1"] = "Ana Ortiz" });

        var reporters = (await ExportAsync(item.Id, names)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => (l.Split(',')[5], l.Split(',')[6])).ToList();
        var withoutSlack = (await ExportAsync(item.Id)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[5]).ToList();

        Assert.That(reporters, Is.EqualTo(new[] { ("Ana Ortiz", "U1"), ("ben", "U2"), ("U3", "U3") }));
        Assert.That(withoutSlack, Is.EqualTo(new[] { "ana (old name)", "ben", "U3" }), "Slack not asked: the names the captures recorded");
    }
}
