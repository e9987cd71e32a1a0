using Microsoft.Extensions.DependencyInjection;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Slack.BlockKit;

namespace SlackFeedbackBot.Tests.Feedback;

/// <summary>Moving items between open, planned, not_yet and resolved from /feedback, telling reporters, and listing by status and age.</summary>
public sealed class FeedbackStatusTests
{
    private const string Admin = "U5";
    private FeedbackHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new FeedbackHarness(new Dictionary<string, string?> { ["Feedback:Admins:0"] = Admin });

    [TearDown]
    public void TearDown() => _h.Dispose();

    private FeedbackStatusRepository Statuses => _h.Get<FeedbackStatusRepository>();

    /// <summary>The DMs reporters got, by reporter: the fake opens "D" + user.</summary>
    private List<(string User, string Text)> Dms() =>
        _h.Api.Posts.Where(p => p.Channel.StartsWith('D')).Select(p => (p.Channel[1..], p.Message.Text ?? "")).ToList();

    private async Task<long> ItemWithTwoReportersAsync()
    {
        var item = (await _h.CaptureAsync("How do I connect Trello?", reporter: "U1", customer: "Acme")).Item!;
        await _h.Service.AddSameAsync(item.Id, "U2", "They want Trello too", "Globex", CancellationToken.None);
        return item.Id;
    }

    [Test]
    public async Task Plan_ByAReporter_MarksItPlanned_KeepsTheMove_AndTellsNobodyByDefault()
    {
        var id = await ItemWithTwoReportersAsync();

        var reply = await _h.CommandAsync($"plan {id} Trello sync ships in March", user: "U1");
        await _h.DrainOutboxAsync();

        Assert.That(reply!.Text, Does.Contain($"#{id} is planned").And.Contain("tell:yes"));
        Assert.That(_h.Repository.Get(id)!.Status, Is.EqualTo(FeedbackStatus.Planned));
        var move = Statuses.Latest(id)!;
        Assert.That((move.FromStatus, move.ToStatus, move.Reason, move.ChangedBy, move.Tell, move.Told, move.ChangedAt),
            Is.EqualTo((FeedbackStatus.Open, FeedbackStatus.Planned, "Trello sync ships in March", "U1", false, 0, FeedbackHarness.Start)));
        Assert.That(Dms(), Is.Empty);
    }

    [Test]
    public async Task Plan_WithTellYes_TellsEveryReporterWhatIsPlanned()
    {
        var id = await ItemWithTwoReportersAsync();

        var reply = await _h.CommandAsync($"plan {id} tell:yes Trello sync ships in March", user: Admin);
        await _h.DrainOutboxAsync();

        Assert.That(reply!.Text, Does.Contain("told its 2 reporters"));
        Assert.That(Dms().Select(d => d.User), Is.EquivalentTo(new[] { "U1", "U2" }));
        Assert.That(Dms().All(d => d.Text.Contains("is planned") && d.Text.Contains("*What is planned:* Trello sync ships in March")), Is.True);
        Assert.That(Statuses.Latest(id)!.Reason, Is.EqualTo("Trello sync ships in March"), "tell:yes is not part of the reason");
    }

    [TestCase("notyet")]
    [TestCase("not-yet")]
    [TestCase("not_yet")]
    public async Task NotYet_InEverySpelling_TellsEachReporterOnce_WithTheReason(string verb)
    {
        var id = await ItemWithTwoReportersAsync();

        var first = await _h.CommandAsync($"{verb} {id} We focus on the mobile app until March", user: Admin);
        var again = await _h.CommandAsync($"{verb} {id} We focus on the mobile app until March", user: Admin);
        await _h.DrainOutboxAsync();

        Assert.That(first!.Text, Does.Contain("not yet").And.Contain("told its 2 reporters"));
        Assert.That(again!.Text, Does.Contain("not yet already").And.Contain("Nobody new to tell").And.Contain("2 had been told before"));
        Assert.That(_h.Repository.Get(id)!.Status, Is.EqualTo(FeedbackStatus.NotYet));
        Assert.That(Dms(), Has.Count.EqualTo(2));
        Assert.That(Dms().All(d => d.Text.Contains("*Why:* We focus on the mobile app until March")), Is.True);
        Assert.That(Statuses.History(id), Has.Count.EqualTo(1));
        Assert.That(Statuses.Latest(id)!.Told, Is.EqualTo(2));
    }

    [Test]
    public async Task NotYet_WithoutAReason_IsRefusedWithAnExample()
    {
        var id = await ItemWithTwoReportersAsync();

        var reply = await _h.CommandAsync($"notyet {id}", user: Admin);

        Assert.That(reply!.Text, Does.Contain("Please say why not yet").And.Contain($"/feedback notyet {id} "));
        Assert.That(_h.Repository.Get(id)!.Status, Is.EqualTo(FeedbackStatus.Open));
    }

    [Test]
    public async Task NotYet_WithTellNo_TellsNobody()
    {
        var id = await ItemWithTwoReportersAsync();

        var reply = await _h.CommandAsync($"notyet {id} Not this year tell:no", user: Admin);
        await _h.DrainOutboxAsync();

        Assert.That(reply!.Text, Does.Contain("reporters were not told"));
        Assert.That(Dms(), Is.Empty);
        Assert.That(Statuses.Latest(id)!.Reason, Is.EqualTo("Not this year"));
    }

    [Test]
    public async Task Tell_WithAValueThatIsNotYesOrNo_IsExplained()
    {
        var id = await ItemWithTwoReportersAsync();

        var reply = await _h.CommandAsync($"notyet {id} Not this year tell:maybe", user: Admin);

        Assert.That(reply!.Text, Does.Contain("`tell:` takes yes or no").And.Contain("maybe"));
        Assert.That(_h.Repository.Get(id)!.Status, Is.EqualTo(FeedbackStatus.Open));
    }

    [Test]
    public async Task Resolve_WithTellNo_ResolvesTellsNobody_AndKeepsTheMove()
    {
        var id = await ItemWithTwoReportersAsync();

        var reply = await _h.CommandAsync($"resolve {id} Trello sync is live tell:no", user: Admin);
        await _h.DrainOutboxAsync();

        Assert.That(reply!.Text, Does.Contain("is resolved").And.Contain("not told"));
        var item = _h.Repository.Get(id)!;
        Assert.That((item.Status, item.Resolution), Is.EqualTo((FeedbackStatus.Resolved, "Trello sync is live")));
        Assert.That(Dms(), Is.Empty);
        Assert.That(Statuses.Latest(id)!.ToStatus, Is.EqualTo(FeedbackStatus.Resolved));
    }

    [Test]
    public async Task Resolve_ThenReopenFromNotYet_ResolvesAgain_TellsEveryoneEachRound()
    {
        var id = await ItemWithTwoReportersAsync();

        await _h.CommandAsync($"resolve {id} Trello sync is live", user: Admin);
        var back = await _h.CommandAsync($"notyet {id} Sync broke, we pulled it", user: Admin);
        await _h.CommandAsync($"reopen {id}", user: Admin);
        await _h.CommandAsync($"resolve {id} Trello sync is back", user: Admin);
        await _h.DrainOutboxAsync();

        Assert.That(back!.Text, Does.Contain("not yet"));
        Assert.That(Dms().Count(d => d.Text.Contains("Trello sync is live")), Is.EqualTo(2));
        Assert.That(Dms().Count(d => d.Text.Contains("Sync broke")), Is.EqualTo(2));
        Assert.That(Dms().Count(d => d.Text.Contains("Trello sync is back")), Is.EqualTo(2), "leaving resolved starts a new round");
        Assert.That(Statuses.History(id).Select(c => c.ToStatus), Is.EqualTo(new[] { "resolved", "not_yet", "open", "resolved" }));
    }

    [Test]
    public async Task Moves_BySomeoneWhoMayNotResolve_AreRefusedNamingWhoMay()
    {
        var id = await ItemWithTwoReportersAsync();

        foreach (var command in new[] { $"plan {id}", $"notyet {id} No", $"resolve {id} Done", $"reopen {id}" })
        {
            var reply = await _h.CommandAsync(command, user: "U9");
            Assert.That(reply!.Text, Does.StartWith("Only the people who reported it").And.Contain($"feedback #{id}"), command);
        }

        Assert.That(_h.Repository.Get(id)!.Status, Is.EqualTo(FeedbackStatus.Open));
        Assert.That(Statuses.History(id), Is.Empty);
    }

    [Test]
    public async Task Moves_OfAnItemThatDoesNotExist_SayWhereToLook()
    {
        var reply = await _h.CommandAsync("plan 99", user: Admin);

        Assert.That(reply!.Text, Does.Contain("There is no feedback #99"));
    }

    [Test]
    public async Task Show_GivesTheStatus_ItsReason_WhoMovedIt_AndWhen()
    {
        var id = await ItemWithTwoReportersAsync();
        _h.Time.Advance(TimeSpan.FromDays(2));
        await _h.CommandAsync($"notyet {id} We focus on <!channel> mobile", user: Admin);

        var reply = await _h.CommandAsync($"show {id}", user: Admin);

        Assert.That(reply!.Json, Does.Contain("*Status: not yet*").And.Contain(FeedbackFormat.Date(FeedbackHarness.Start.AddDays(2)))
            .And.Contain($"<@{Admin}>").And.Contain("We focus on @channel mobile").And.Contain("2 reporters told"));
        Assert.That(reply.Json, Does.Not.Contain("<!channel>"));
    }

    [Test]
    public async Task List_HidesResolvedByDefault_AndStatusFiltersShowEach()
    {
        var open = (await _h.CaptureAsync("How do I export to Excel?")).Item!.Id;
        var planned = (await _h.CaptureAsync("Can I pay yearly?")).Item!.Id;
        var notYet = (await _h.CaptureAsync("Do you have an API for invoices?")).Item!.Id;
        var resolved = (await _h.CaptureAsync("Where is the dark mode?")).Item!.Id;
        await _h.CommandAsync($"plan {planned}", user: Admin);
        await _h.CommandAsync($"notyet {notYet} Not this year", user: Admin);
        await _h.CommandAsync($"resolve {resolved} Dark mode is in settings", user: Admin);

        var byDefault = (await _h.CommandAsync("list"))!.Json;
        var plannedOnly = (await _h.CommandAsync("list status:planned"))!.Json;
        var notYetOnly = (await _h.CommandAsync("list status:not-yet"))!.Json;
        var resolvedOnly = (await _h.CommandAsync("list status:resolved"))!.Json;
        var all = (await _h.CommandAsync("list status:all"))!.Json;

        Assert.That(byDefault, Does.Contain($"*#{open}*").And.Contain($"*#{planned}*").And.Contain($"*#{notYet}*").And.Not.Contain($"*#{resolved}*").And.Contain("showing 3 of 3"));
        Assert.That(plannedOnly, Does.Contain($"*#{planned}*").And.Not.Contain($"*#{open}*").And.Contain("showing 1 of 1"));
        Assert.That(notYetOnly, Does.Contain($"*#{notYet}*").And.Not.Contain($"*#{planned}*"));
        Assert.That(resolvedOnly, Does.Contain($"*#{resolved}*").And.Not.Contain($"*#{open}*"));
        Assert.That(all, Does.Contain("showing 4 of 4"));
    }

    [Test]
    public async Task List_OlderAndNewer_FilterByWhenTheItemCameIn()
    {
        var old = (await _h.CaptureAsync("How do I export to Excel?")).Item!.Id;
        _h.Time.Advance(TimeSpan.FromDays(40));
        var recent = (await _h.CaptureAsync("Can I pay yearly?")).Item!.Id;
        _h.Time.Advance(TimeSpan.FromDays(1));

        var older = (await _h.CommandAsync("list older:30d"))!.Json;
        var newer = (await _h.CommandAsync("list newer:7d status:open"))!.Json;

        Assert.That(older, Does.Contain($"*#{old}*").And.Not.Contain($"*#{recent}*").And.Contain("older than 30 days"));
        Assert.That(newer, Does.Contain($"*#{recent}*").And.Not.Contain($"*#{old}*").And.Contain("newer than 7 days"));
    }

    [TestCase("list status:someday", "`someday` is not a status")]
    [TestCase("list older:soon", "`older:` takes an age")]
    [TestCase("list newer:-3d", "`newer:` takes an age")]
    public async Task List_WithAFilterItCannotRead_SaysHowToWriteIt(string command, string expected)
    {
        var reply = await _h.CommandAsync(command);

        Assert.That(reply!.Text, Does.Contain(expected));
        Assert.That(_h.Repository.Count(), Is.Zero, "not saved as feedback");
    }

    [Test]
    public void TellField_ReadsYesAndNo_AndLeavesTheRestAsTyped()
    {
        Assert.That(TellField.Parse("tell:no We ship it in May"), Is.EqualTo(new TellField("We ship it in May", false, null)));
        Assert.That(TellField.Parse("We ship it tell:YES in May"), Is.EqualTo(new TellField("We ship it in May", true, null)));
        Assert.That(TellField.Parse("Tell them: we ship in May"), Is.EqualTo(new TellField("Tell them: we ship in May", null, null)));
        Assert.That(TellField.Parse("tell:perhaps").Error, Does.Contain("yes or no"));
    }

    [Test]
    public void StatusNames_ReadEverySpellingOfNotYet()
    {
        Assert.That(new[] { "not_yet", "not-yet", "notyet", "Not_Yet" }.Select(StatusNames.Find), Has.All.EqualTo(FeedbackStatus.NotYet));
        Assert.That(StatusNames.Find("someday"), Is.Null);
    }

    [Test]
    public async Task HomeTab_ForAFeedbackAdmin_ShowsTriageAndTopIssues_WithOneClickActions()
    {
        var unclassified = (await _h.CaptureAsync("Banana")).Item!;
        var top = (await _h.CaptureAsync("How do I export to Excel?")).Item!;
        await _h.Service.AddSameAsync(top.Id, "U2", "Excel export please", null, CancellationToken.None);
        var home = _h.Services.GetServices<SlackFeedbackBot.AppHome.IHomeTabSection>().OfType<FeedbackHomeTab>().Single();

        var blocks = await home.BuildAsync(Admin, CancellationToken.None);
        var json = SlackFeedbackBot.Slack.SlackJson.Serialize(blocks);

        Assert.That(unclassified.Bucket, Is.EqualTo("unclassified"));
        Assert.That(json, Does.Contain("New and unclassified").And.Contain("Top issues this week").And.Contain($"*#{top.Id}*").And.Contain("2 reports this week"));
        Assert.That(json, Does.Contain(FeedbackHomeBlocks.BucketAction).And.Contain(FeedbackHomeBlocks.PlanAction)
            .And.Contain(FeedbackHomeBlocks.NotYetAction).And.Contain(FeedbackHomeBlocks.ResolveAction));
        Assert.That(blocks.OfType<ActionsBlock>().Select(b => b.BlockId), Is.Unique);
        Assert.That(await home.BuildAsync("U1", CancellationToken.None), Is.Empty, "someone who acts on no feedback sees the Home tab as before");
    }
}
