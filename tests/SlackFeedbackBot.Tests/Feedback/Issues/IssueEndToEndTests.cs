using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Delivery;
using SlackFeedbackBot.Emulator.WebApi;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Feedback.Issues;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;
using SlackFeedbackBot.Tests.TypeCheck;

namespace SlackFeedbackBot.Tests.Feedback.Issues;

/// <summary>
/// One question heard four times, through the real bot and the Slack emulator: captured in four people's own words by
/// four paths, offered as "Looks like #1", answered with the buttons as people click them, resolved once for every
/// reporter of the merged issue (also across a restart), and taken apart again.
/// </summary>
[NonParallelizable]
[TestFixtureSource(typeof(ProviderDatabase), nameof(ProviderDatabase.Providers))]
public sealed class IssueEndToEndTests(StorageProvider provider)
{
    private const string Ana = "U0ANA00001";
    private const string Ben = "U0BEN00002";
    private const string Ciara = "U0CIARA003";
    private const string Dieter = "U0DIETER04";
    private const string Priya = "U0PRIYA005";
    private const string Sam = "U0SAM00006";
    private const string Support = EmulatorIds.SupportChannelId;
    private const string Listening = EmulatorIds.CustomerFeedbackChannelId;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _dir = new();
    private BotTestHost _host = null!;

    private SlackEmulator Slack => _host.Slack;

    private FeedbackRepository Repository => _host.Services.GetRequiredService<FeedbackRepository>();

    private string Recording => _dir.File("issues.jsonl");

    [SetUp]
    public async Task SetUp() => _host = await BotTestHost.StartAsync(new BotTestHostOptions
    {
        Provider = provider,
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero)),
        RecordPath = Recording,
        Settings = new Dictionary<string, string?>
        {
            ["Feedback:Admins:0"] = Ciara,
            ["Feedback:PassiveChannels:0"] = Listening,
        },
    });

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _dir.Dispose();
    }

    private static readonly JsonSerializerOptions AsWritten = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>JSON with Slack's markup as written (the default encoder would write &lt; and ` as \u003C and \u0060).</summary>
    private static string Json(JsonNode? node) => node?.ToJsonString(AsWritten) ?? "";

    private static string Blocks(ApiCall call) => call.Args["blocks"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : Json(call.Args["blocks"]);

    /// <summary>The reply to a slash command as Slack shows it: in the ack, else posted to its response_url.</summary>
    private async Task<string> ReplyAsync(DeliveryResult result) =>
        result.AckPayload is { } ack ? Json(ack) : Json((await Slack.ResponseUrlPosts.WaitForAsync(p => p.Url == result.ResponseUrl, Wait)).Payload);

    private async Task<string> CommandAsync(string user, string text) => await ReplyAsync(await Slack.SendSlashCommandAsync(user, Support, "/feedback", text));

    private List<ApiCall> DmsTo(string user) =>
        Slack.Calls.All.Where(c => c.Method == "chat.postMessage" && c.Ok && c.Arg("channel")!.StartsWith('D')
            && Slack.Calls.All.Any(o => o.Method == "conversations.open" && o.Ok && o.Args.ToJsonString().Contains(user) && (string?)o.Response["channel"]?["id"] == c.Arg("channel"))).ToList();

    private List<ApiCall> ResolutionDmsTo(string user) => DmsTo(user).Where(d => d.Arg("text")!.Contains("export to Excel from Billing")).ToList();

    private Task<ApiCall> CardAsync(string user, string channel, long itemId) =>
        Slack.WaitForCallAsync("chat.postEphemeral", c => c.Ok && c.Arg("user") == user && c.Arg("channel") == channel && Blocks(c).Contains($"#{itemId}"), Wait);

    private int Pending()
    {
        using var connection = _host.Database.Open();
        return connection.ExecuteScalar<int>("SELECT COUNT(*) FROM slack_outbox WHERE status = 'pending'");
    }

    [Test]
    public async Task OneQuestion_FourPeopleFourPaths_MergedByTheirClicks_ResolvedOncePerReporter_ThenUnmerged()
    {
        // 1. /feedback: the first capture has nothing to look like.
        var first = await CommandAsync(Ana, "How do I export invoices to Excel every month?");
        Assert.That(first, Does.Contain("Saved as feedback *#1*").And.Not.Contain("Looks like"));

        // 2. The message shortcut on a colleague's message: the form's last page offers #1; Ben clicks *Same issue* there.
        var asked = await Slack.PostUserMessageAsync(Ciara, Support, "Customer asked: how can they export their invoices to Excel?");
        await Slack.SendMessageShortcutAsync(Ben, Support, asked.Ts, CaptureMessageShortcut.CallbackId);
        var form = (string)(await Slack.WaitForCallAsync("views.open", c => c.Ok, Wait)).Response["view"]!["id"]!;
        var saved = await Slack.SubmitViewAsync(Ben, form, new Dictionary<string, Dictionary<string, string>>
        {
            [FeedbackModals.TextBlock] = new() { ["text"] = "Customer asked: how can they export their invoices to Excel?" },
            [FeedbackModals.CustomerBlock] = new() { ["customer"] = "Initech" },
        });
        Assert.That(saved.ResponseAction, Is.EqualTo("update"));
        var lastPage = Json(Slack.Workspace.GetView(form)!.View);
        Assert.That(lastPage, Does.Contain("Looks like *#1* (1 report)").And.Contain("`excel`").And.Contain("`invoices`"), "the offer names the issue and the words both say");

        var updates = Slack.Calls.All.Count(c => c.Method == "views.update" && c.Ok);
        await Slack.ClickViewButtonAsync(Ben, form, IssueOfferBlocks.SameAction, "2:1");
        await Eventually.ThatAsync(() => Slack.Calls.All.Count(c => c.Method == "views.update" && c.Ok) > updates && Json(Slack.Workspace.GetView(form)!.View).Contains("now part of #1"), "the form shows the answer", Wait);
        Assert.That(Repository.Get(2)!.MergedIntoId, Is.EqualTo(1));

        // 3. A listened channel: the author's card offers #1 (now two reports); only she can click in it, and she clicks *Same issue*.
        await Slack.PostUserMessageAsync(Priya, Listening, "Customer question: how do I export all invoices to Excel for the accountant?");
        var priyasCard = await CardAsync(Priya, Listening, 3);
        Assert.That(Blocks(priyasCard), Does.Contain("Looks like *#1* (2 reports").And.Contain("`excel`"));
        var priyasTs = (string)priyasCard.Response["message_ts"]!;
        Assert.ThrowsAsync<EmulatorActionException>(() => Slack.ClickButtonAsync(Ben, Listening, priyasTs, IssueOfferBlocks.SameAction), "Slack shows an ephemeral card to its person only");

        var clicked = await Slack.ClickButtonAsync(Priya, Listening, priyasTs, IssueOfferBlocks.SameAction);
        var answer = await Slack.ResponseUrlPosts.WaitForAsync(p => p.Url == clicked.ResponseUrl, Wait);
        Assert.That(answer.Text, Does.Contain("#3 is now part of #1").And.Contain($"<@{Priya}>"));
        await Eventually.ThatAsync(() => Slack.Workspace.FindMessage(Listening, priyasTs)!.Text.Contains("now part of #1"), "the answer replaces the card", Wait);

        // Sam heard it too and adds his report to Priya's item: he is a reporter of the issue.
        Assert.That(await CommandAsync(Sam, "same 3 Hooli wants invoices in Excel too customer:Hooli"), Does.Contain("#"));

        // 4. A 💡 reaction: Dieter's card offers #1 as well; he says it is *Different*, and the pair is never offered again.
        var excelSheets = await Slack.PostUserMessageAsync(Ciara, Support, "Is there any way to export invoices into Excel sheets?");
        await Slack.AddReactionAsync(Dieter, Support, excelSheets.Ts, "bulb");
        var item4 = (await EventuallyItemAsync(Support, excelSheets.Ts)).Id;
        var dietersCard = await CardAsync(Dieter, Support, item4);
        Assert.That(Blocks(dietersCard), Does.Contain("Looks like *#1*").And.Contain("`excel`"));
        var different = await Slack.ClickButtonAsync(Dieter, Support, (string)dietersCard.Response["message_ts"]!, IssueOfferBlocks.DifferentAction);
        var noted = await Slack.ResponseUrlPosts.WaitForAsync(p => p.Url == different.ResponseUrl, Wait);
        Assert.That(noted.Text, Does.Contain($"#{item4} is not the same issue as #1"));
        Assert.That(_host.Services.GetRequiredService<IssueMatcher>().FindFor(Repository.Get(item4)!), Is.Null, "Different is remembered");
        Assert.That(_host.Services.GetRequiredService<IssueSuggestions>().Pending(), Is.Empty, "nothing is left to suggest");
        Assert.That(Repository.Get(item4)!.MergedIntoId, Is.Null);

        // Someone who neither reported the item nor acts on feedback is refused kindly, and nothing changes.
        var refused = await CommandAsync(Sam, $"merge {item4} into 1");
        Assert.That(refused, Does.Contain("may merge").And.Not.Contain("Exception"));
        Assert.That(Repository.Get(item4)!.MergedIntoId, Is.Null);

        // Resolving the root tells every reporter of every merged item, once; Dieter's separate item and the authors hear nothing.
        var resolved = await CommandAsync(Ciara, "resolve 1 Invoices now export to Excel from Billing > Export");
        Assert.That(resolved, Does.Contain("told its 4 reporters"));
        var told = new[] { Ana, Ben, Priya, Sam };
        await Eventually.ThatAsync(() => told.All(u => ResolutionDmsTo(u).Count == 1), "each reporter of the issue hears of it", Wait);
        await Eventually.ThatAsync(() => Pending() == 0, "the outbox has sent everything", Wait);

        // Restart with the outbox's finished rows gone, as Slack:Outbox:KeepFinished purges them: only the once-only store remembers.
        await _host.RestartAsync(() =>
        {
            using var connection = _host.StoredDatabase.Open();
            connection.Execute("DELETE FROM slack_outbox WHERE status = 'done'");
        });
        var again = await CommandAsync(Ciara, "resolve 1 Invoices now export to Excel from Billing > Export");
        Assert.That(again, Does.Contain("Nobody new to tell"));
        await Eventually.ThatAsync(() => Pending() == 0, "the outbox has nothing left to send", Wait);
        Assert.That(told.Select(u => ResolutionDmsTo(u).Count), Is.EqualTo(new[] { 1, 1, 1, 1 }), "nobody is told twice, restart or not");
        Assert.That(new[] { Dieter, Ciara }.Select(u => ResolutionDmsTo(u).Count), Is.EqualTo(new[] { 0, 0 }), "not a reporter of the issue");

        // Unmerge: #3 is its own issue again, the list and show say so, and the history names who did it.
        var unmerged = await CommandAsync(Ciara, "unmerge 3");
        Assert.That(unmerged, Does.Contain("#3 is its own issue again; it no longer counts for #1"));
        Assert.That(Repository.Get(3)!.MergedIntoId, Is.Null);
        var shown = await CommandAsync(Ana, "show 3");
        Assert.That(shown, Does.Not.Contain("Part of issue").And.Contain($"merged #3 into #1; <@{Ciara}> unmerged it"));
        var root = await CommandAsync(Ana, "show 1");
        Assert.That(root, Does.Contain("Merged into this issue* (1 item").And.Contain("*#2*"));
        // The resolution was the issue's; the item taken out of it keeps its own status, open, and lists as an issue of its own.
        Assert.That(Repository.Get(3)!.Status, Is.EqualTo(FeedbackStatus.Open));
        var open = await CommandAsync(Ana, "list");
        var resolvedList = await CommandAsync(Ana, "list status:resolved");
        Assert.That(open, Does.Contain("*#3*").And.Not.Contain("*#1*"));
        Assert.That(resolvedList, Does.Contain("*#1*").And.Contain("merged: #2").And.Not.Contain("#3"));

        Assert.That(Slack.Errors, Is.Empty);
        var (exit, output) = await TypeChecker.Find().RunAsync(Recording);
        Assert.That(exit, Is.EqualTo(0), output);
    }

    private async Task<FeedbackItem> EventuallyItemAsync(string channel, string ts)
    {
        await Eventually.ThatAsync(() => Repository.FindByMessage(channel, ts) is not null, "the message is captured", Wait);
        return Repository.FindByMessage(channel, ts)!;
    }
}
