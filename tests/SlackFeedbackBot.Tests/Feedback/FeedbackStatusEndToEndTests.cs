using SlackFeedbackBot.Storage;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Delivery;
using SlackFeedbackBot.Emulator.WebApi;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Tests.Support;
using SlackFeedbackBot.Tests.TypeCheck;

namespace SlackFeedbackBot.Tests.Feedback;

/// <summary>
/// Statuses through the real bot and the Slack emulator: moves from slash commands and from the Home tab of the people
/// who act on feedback, reporters DMed once with the reason, refusals said kindly, and everything Slack's types accept.
/// </summary>
[TestFixtureSource(typeof(ProviderDatabase), nameof(ProviderDatabase.Providers))]
public sealed class FeedbackStatusEndToEndTests(StorageProvider provider)
{
    private const string Ana = "U0ANA00001";
    private const string Ben = "U0BEN00002";
    private const string Ciara = "U0CIARA003";
    private const string Dieter = "U0DIETER04";
    private const string Support = EmulatorIds.SupportChannelId;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly TempDirectory _dir = new();
    private BotTestHost _host = null!;

    private SlackEmulator Slack => _host.Slack;

    private FeedbackRepository Repository => _host.Services.GetRequiredService<FeedbackRepository>();

    private string Recording => _dir.File("statuses.jsonl");

    [SetUp]
    public async Task SetUp() => _host = await BotTestHost.StartAsync(new BotTestHostOptions
    {
        Provider = provider,
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero)),
        RecordPath = Recording,
        Settings = new Dictionary<string, string?>
        {
            ["Feedback:Admins:0"] = Ciara,
            ["ProductAreas:Areas:0:Id"] = "billing",
            ["ProductAreas:Areas:0:Phrases:0"] = "invoice",
            ["ProductAreas:Areas:0:Owners:0"] = Dieter,
        },
    });

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _dir.Dispose();
    }

    private async Task<string> ReplyTextAsync(DeliveryResult result) =>
        result.AckPayload?["text"]?.ToString() ?? (await Slack.ResponseUrlPosts.WaitForAsync(p => p.Url == result.ResponseUrl, Wait)).Text ?? "";

    private List<ApiCall> DmsTo(string user) =>
        Slack.Calls.All.Where(c => c.Method == "chat.postMessage" && c.Ok && c.Arg("channel")!.StartsWith('D')
            && Slack.Calls.All.Any(o => o.Method == "conversations.open" && o.Ok && o.Args.ToJsonString().Contains(user) && (string?)o.Response["channel"]?["id"] == c.Arg("channel"))).ToList();

    private async Task<long> TrelloIssueAsync()
    {
        await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "customer:Acme How do I connect Trello to my boards?"));
        await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ben, Support, "/feedback", "same 1 Globex asks for Trello too customer:Globex"));
        return 1;
    }

    private async Task<(string ViewId, string Json)> HomeAsync(string user, int publishedBefore)
    {
        var call = await Slack.WaitForCallAsync("views.publish", c => c.Ok && c.Args.ToJsonString().Contains(user)
            && Slack.Calls.All.Count(p => p.Method == "views.publish" && p.Ok && p.Args.ToJsonString().Contains(user)) > publishedBefore, Wait);
        var last = Slack.Calls.All.Last(p => p.Method == "views.publish" && p.Ok && p.Args.ToJsonString().Contains(user));
        return ((string)last.Response["view"]!["id"]!, last.Args.ToJsonString());
    }

    private int Published(string user) => Slack.Calls.All.Count(p => p.Method == "views.publish" && p.Ok && p.Args.ToJsonString().Contains(user));

    private async Task<string> OpenedViewIdAsync(int opensBefore)
    {
        await Eventually.ThatAsync(() => Slack.Calls.All.Count(c => c.Method == "views.open" && c.Ok) > opensBefore, "a modal opens", Wait);
        return (string)Slack.Calls.All.Last(c => c.Method == "views.open" && c.Ok).Response["view"]!["id"]!;
    }

    private int Opens() => Slack.Calls.All.Count(c => c.Method == "views.open" && c.Ok);

    [Test]
    public async Task SlashCommands_NotYetThenResolve_TellEachReporterOnce_WithTheReason()
    {
        var id = await TrelloIssueAsync();

        var notYet = await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", $"not-yet {id} We build the Jira sync first"));
        var again = await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", $"notyet {id} We build the Jira sync first"));
        var resolved = await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", $"resolve {id} Trello sync is in Settings > Apps"));

        Assert.That(notYet, Does.Contain("told its 2 reporters"));
        Assert.That(again, Does.Contain("Nobody new to tell"));
        Assert.That(resolved, Does.Contain("told its 2 reporters"));
        await Eventually.ThatAsync(() => DmsTo(Ana).Count >= 2 && DmsTo(Ben).Count >= 2, "both reporters hear of both moves", Wait);
        foreach (var user in new[] { Ana, Ben })
        {
            var texts = DmsTo(user).Select(d => d.Arg("text")!).ToList();
            Assert.That(texts.Count(t => t.Contains("We build the Jira sync first")), Is.EqualTo(1), user);
            Assert.That(texts.Count(t => t.Contains("Trello sync is in Settings")), Is.EqualTo(1), user);
        }

        var shown = await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "list status:resolved"));
        Assert.That(shown, Does.Contain("showing 1 of 1"));
    }

    [Test]
    public async Task HomeTab_ForAnAdmin_NotYetResolveAndPlanButtons_MoveTheIssue_AndTellReportersOnce()
    {
        var id = await TrelloIssueAsync();
        await Slack.SendAppHomeOpenedAsync(Ciara);
        var (home, json) = await HomeAsync(Ciara, 0);
        Assert.That(json, Does.Contain("Top issues this week").And.Contain("2 reports this week").And.Contain("Your support shifts"));

        var opens = Opens();
        await Slack.ClickViewButtonAsync(Ciara, home, FeedbackHomeBlocks.NotYetAction, id.ToString());
        var form = await OpenedViewIdAsync(opens);
        var published = Published(Ciara);
        var submitted = await Slack.SubmitViewAsync(Ciara, form, new Dictionary<string, Dictionary<string, string>>
        {
            [FeedbackHomeForms.ReasonBlock] = new() { [FeedbackHomeForms.ReasonBlock] = "Jira first, then Trello" },
            [FeedbackHomeForms.TellBlock] = new() { [FeedbackHomeForms.TellBlock] = FeedbackHomeForms.TellValue },
        });

        Assert.That(submitted.ResponseAction, Is.Null, "the form closes");
        Assert.That(Repository.Get(id)!.Status, Is.EqualTo(FeedbackStatus.NotYet));
        await Eventually.ThatAsync(() => DmsTo(Ana).Count == 1 && DmsTo(Ben).Count == 1, "each reporter hears why, once", Wait);
        Assert.That(DmsTo(Ben).Single().Arg("text"), Does.Contain("Jira first, then Trello"));
        (home, json) = await HomeAsync(Ciara, published);
        Assert.That(json, Does.Contain("not yet"), "the Home tab is published again, showing the new status");

        published = Published(Ciara);
        await Slack.ClickViewButtonAsync(Ciara, home, FeedbackHomeBlocks.PlanAction, id.ToString());
        await Eventually.ThatAsync(() => Repository.Get(id)!.Status == FeedbackStatus.Planned, "planned in one click", Wait);
        (home, _) = await HomeAsync(Ciara, published);

        opens = Opens();
        await Slack.ClickViewButtonAsync(Ciara, home, FeedbackHomeBlocks.ResolveAction, id.ToString());
        form = await OpenedViewIdAsync(opens);
        await Slack.SubmitViewAsync(Ciara, form, new Dictionary<string, Dictionary<string, string>>
        {
            [FeedbackHomeForms.ReasonBlock] = new() { [FeedbackHomeForms.ReasonBlock] = "Trello sync is live" },
            [FeedbackHomeForms.TellBlock] = new() { [FeedbackHomeForms.TellBlock] = "" },
        });

        Assert.That(Repository.Get(id)!.Status, Is.EqualTo(FeedbackStatus.Resolved));
        await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "list");
        Assert.That(DmsTo(Ana), Has.Count.EqualTo(1), "planning tells nobody by default, and the resolve box was unticked");
        Assert.That(Slack.Errors, Is.Empty);

        var (exit, output) = await TypeChecker.Find().RunAsync(Recording);
        Assert.That(exit, Is.EqualTo(0), output);
    }

    [Test]
    public async Task HomeTab_SuggestedMerge_SameIssueMergesIt_AndItIsNoLongerSuggested()
    {
        await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "How do I connect Trello to my boards?"));
        await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ben, Support, "/feedback", "Can we connect Trello boards somehow?"));
        await Slack.SendAppHomeOpenedAsync(Ciara);
        var (home, json) = await HomeAsync(Ciara, 0);
        Assert.That(json, Does.Contain("Suggested merges").And.Contain("Looks like *#1*").And.Contain("trello"));

        var published = Published(Ciara);
        var opens = Opens();
        await Slack.ClickViewButtonAsync(Ciara, home, SlackFeedbackBot.Feedback.Issues.IssueOfferBlocks.SameAction, "2:1");

        await OpenedViewIdAsync(opens);
        Assert.That(Slack.Calls.All.Last(c => c.Method == "views.open" && c.Ok).Args.ToJsonString(), Does.Contain("now part of #1"), "the answer is shown");
        Assert.That(Repository.Get(2)!.MergedIntoId, Is.EqualTo(1));
        (_, json) = await HomeAsync(Ciara, published);
        Assert.That(json, Does.Not.Contain("Suggested merges"), "an answered suggestion leaves the triage");
        Assert.That(Slack.Errors, Is.Empty);
    }

    [Test]
    public async Task HomeTab_BucketMenu_MovesTheIssue()
    {
        await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "Banana split please");
        await Slack.SendAppHomeOpenedAsync(Ciara);
        var (home, json) = await HomeAsync(Ciara, 0);
        Assert.That(json, Does.Contain("New and unclassified"));

        await Slack.SelectViewOptionAsync(Ciara, home, FeedbackHomeBlocks.BucketAction, "1:user_experience");

        await Eventually.ThatAsync(() => Repository.Get(1)!.Bucket == "user_experience", "the bucket changes", Wait);
        Assert.That(Repository.BucketChanges(1).Single().ChangedBy, Is.EqualTo(Ciara));
    }

    [Test]
    public async Task HomeTab_AnOwnerOfAnotherArea_IsRefusedInAFriendlyModal_AndEveryoneElseKeepsTheSupportHome()
    {
        var id = await TrelloIssueAsync();
        await Slack.SendAppHomeOpenedAsync(Dieter);
        var (home, json) = await HomeAsync(Dieter, 0);
        Assert.That(json, Does.Contain("Feedback to act on"));

        var opens = Opens();
        await Slack.ClickViewButtonAsync(Dieter, home, FeedbackHomeBlocks.PlanAction, id.ToString());
        var notice = await OpenedViewIdAsync(opens);

        Assert.That(Slack.Calls.All.Last(c => c.Method == "views.open").Args.ToJsonString(), Does.Contain("Only the people who reported it"));
        Assert.That(Repository.Get(id)!.Status, Is.EqualTo(FeedbackStatus.Open));
        Assert.That(notice, Is.Not.Empty);

        await Slack.SendAppHomeOpenedAsync(Ben);
        var (_, bens) = await HomeAsync(Ben, 0);
        Assert.That(bens, Does.Not.Contain("Feedback to act on").And.Contain("Your support shifts"));
    }
}
