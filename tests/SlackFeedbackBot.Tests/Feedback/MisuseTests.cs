using Microsoft.Extensions.DependencyInjection;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Delivery;
using SlackFeedbackBot.Emulator.WebApi;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Feedback;

/// <summary>
/// Nobody misuses the bot: text people typed is repeated without pings or disguised links, <c>link:</c> takes only web
/// addresses, and only reporters, area owners and feedback admins may resolve, reopen and reclassify.
/// </summary>
public sealed class MisuseTests
{
    private const string Ana = "U0ANA00001";
    private const string Ben = "U0BEN00002";
    private const string Ciara = "U0CIARA003";
    private const string Dieter = "U0DIETER04";
    private const string Support = EmulatorIds.SupportChannelId;
    private const string Alerts = EmulatorIds.CustomerFeedbackChannelId;
    private const string DisguisedLink = "<http://evil.example/login|https://status.example.com>";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private BotTestHost _host = null!;

    private SlackEmulator Slack => _host.Slack;

    private FeedbackRepository Repository => _host.Services.GetRequiredService<FeedbackRepository>();

    [SetUp]
    public async Task SetUp() => _host = await BotTestHost.StartAsync(new BotTestHostOptions
    {
        Settings = new Dictionary<string, string?>
        {
            ["Feedback:Thresholds:AlertChannel"] = Alerts,
            ["Feedback:Thresholds:HighValueCustomers:0"] = "Acme",
            ["Feedback:Admins:0"] = Ciara,
            ["ProductAreas:Areas:0:Id"] = "billing",
            ["ProductAreas:Areas:0:Phrases:0"] = "invoice",
            ["ProductAreas:Areas:0:Owners:0"] = Dieter,
        },
    });

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    private async Task<string> ReplyTextAsync(DeliveryResult result) =>
        result.AckPayload?["text"]?.ToString() ?? (await Slack.ResponseUrlPosts.WaitForAsync(p => p.Url == result.ResponseUrl, Wait)).Text ?? "";

    /// <summary>Every text of the reply: its text and the strings in its blocks.</summary>
    private async Task<string> ReplyAllAsync(DeliveryResult result) =>
        string.Join('\n', SlackTextAssert.Strings(result.AckPayload ?? (await Slack.ResponseUrlPosts.WaitForAsync(p => p.Url == result.ResponseUrl, Wait)).Payload));

    private List<ApiCall> DirectMessages() =>
        Slack.Calls.All.Where(c => c.Method == "chat.postMessage" && c.Ok && c.Arg("channel")!.StartsWith('D')).ToList();

    [Test]
    public async Task AlertChannelPost_OfTypedChannelPingAndDisguisedLink_PingsNobody()
    {
        await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", $"customer:Acme How do I stop <!channel> and <!here> getting pinged? See {DisguisedLink}"));

        var alert = await Slack.WaitForCallAsync("chat.postMessage", c => c.Ok && c.Arg("channel") == Alerts, Wait);

        SlackTextAssert.NoPingOrDisguisedLink(alert);
        Assert.That(alert.Arg("text"), Does.Contain("@channel and @here getting pinged").And.Contain("http://evil.example/login"));
    }

    [Test]
    public async Task CaptureConfirmation_ShowsTypedFieldsWithoutPings()
    {
        var reply = await ReplyAllAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "customer:<!everyone> source:sales How do I add seats?"));

        Assert.That(Repository.Get(1)!.Customer, Is.EqualTo("<!everyone>"), "kept as typed");
        Assert.That(reply, Does.Contain("@everyone"));
        SlackTextAssert.NoPingOrDisguisedLink([reply]);
    }

    [Test]
    public async Task InlineLink_ThatIsNoWebAddress_IsLeftOut_TheFeedbackIsKept_AndThePersonIsTold()
    {
        var reply = await ReplyAllAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "How do I export? link:javascript:alert(1)"));
        var disguised = await ReplyAllAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", $"Where are invoices? link:{DisguisedLink}"));

        Assert.That((Repository.Get(1)!.Text, Repository.Get(1)!.Link), Is.EqualTo(("How do I export?", (string?)null)));
        Assert.That((Repository.Get(2)!.Text, Repository.Get(2)!.Link), Is.EqualTo(("Where are invoices?", (string?)null)));
        Assert.That(reply, Does.Contain("The link was not saved").And.Contain("http:// or https://"));
        Assert.That(disguised, Does.Contain("The link was not saved"));
    }

    [Test]
    public async Task InlineLink_WebAddress_IsKept()
    {
        var reply = await ReplyAllAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "How do I export? link:https://crm.example/1"));

        Assert.That(Repository.Get(1)!.Link, Is.EqualTo("https://crm.example/1"));
        Assert.That(reply, Does.Not.Contain("not saved"));
    }

    [Test]
    public async Task ModalLink_ThatCouldBreakTheMarkup_IsRefusedWithWhatIsAccepted_AndTheFormStaysOpen()
    {
        await Slack.SendGlobalShortcutAsync(Ana, NewFeedbackShortcut.CallbackId);
        var viewId = (string)(await Slack.WaitForCallAsync("views.open", null, Wait)).Response["view"]!["id"]!;

        var refused = await Slack.SubmitViewAsync(Ana, viewId, new Dictionary<string, Dictionary<string, string>>
        {
            [FeedbackModals.TextBlock] = new() { ["text"] = "How do I export?" },
            [FeedbackModals.LinkBlock] = new() { ["link"] = "https://evil.example/x|Your bank" },
        });

        Assert.That(refused.ResponseAction, Is.EqualTo("errors"));
        Assert.That(refused.AckPayload!["errors"]![FeedbackModals.LinkBlock]!.ToString(), Does.Contain("http:// or https://"));
        Assert.That(Repository.Count(), Is.Zero);
    }

    [Test]
    public async Task ResolveDm_DefusesTheResolversText()
    {
        await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "How do I add a user <!here>?"));

        await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", $"resolve 1 @channel it is fixed, log in at {DisguisedLink}"));

        var dm = await Slack.WaitForCallAsync("chat.postMessage", c => c.Ok && c.Arg("channel")!.StartsWith('D'), Wait);
        SlackTextAssert.NoPingOrDisguisedLink(dm);
        Assert.That(dm.Arg("text"), Does.Contain("@channel it is fixed, log in at").And.Contain("http://evil.example/login"));
    }

    [Test]
    public async Task Resolve_BySomeoneWhoIsNoReporterOwnerOrAdmin_IsRefusedSayingWhoMay_AndTellsNobody()
    {
        await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "How do I add a user?"));

        var refused = await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ben, Support, "/feedback", "resolve 1 Fixed, trust me"));

        Assert.That(refused, Does.Contain("Only the people who reported it").And.Contain($"<@{Ciara}>").And.Contain("may resolve feedback #1"));
        Assert.That(Repository.Get(1)!.Status, Is.EqualTo(FeedbackStatus.Open));
        // DMs leave through the outbox after the reply: nothing may even be queued for a refused resolve.
        Assert.That(OutboxTable.Rows(_host.Services.GetRequiredService<Database>()).Select(r => r.Key), Has.None.StartsWith("resolve:"));
        Assert.That(DirectMessages(), Is.Empty);
    }

    [Test]
    public async Task Resolve_ByAnAdminOrAnAreaOwner_IsAllowed()
    {
        await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "How do I add a user?"));
        await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "Where do I download an invoice?"));

        var byAdmin = await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ciara, Support, "/feedback", "resolve 1 Invite button added"));
        var byOwnerOfAnother = await ReplyTextAsync(await Slack.SendSlashCommandAsync(Dieter, Support, "/feedback", "reclassify 1 positioning"));
        var byOwner = await ReplyTextAsync(await Slack.SendSlashCommandAsync(Dieter, Support, "/feedback", "resolve 2 Invoices are under Billing"));

        Assert.That(byAdmin, Does.Contain("is resolved"));
        Assert.That(byOwnerOfAnother, Does.StartWith("Only"), "Dieter owns billing, not item 1");
        Assert.That(byOwner, Does.Contain("is resolved"));
        Assert.That(byOwnerOfAnother, Does.Contain("the people who reported it"));
    }

    [Test]
    public async Task Reclassify_BySomeoneElse_IsRefused_ByTheReporter_IsDone()
    {
        await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "How do I add a user?"));
        var bucket = Repository.Get(1)!.Bucket;

        var refused = await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ben, Support, "/feedback", "reclassify 1 positioning"));
        Assert.That(Repository.Get(1)!.Bucket, Is.EqualTo(bucket));
        var done = await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "reclassify 1 positioning"));

        Assert.That(refused, Does.Contain("may reclassify feedback #1"));
        Assert.That(done, Does.Contain("is now in"));
    }

    [Test]
    public async Task Reopen_ThenResolveAgain_TellsTheReportersAgain()
    {
        await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "How do I add a user?"));
        await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ben, Support, "/feedback", "same 1 Globex asks too"));
        var first = await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "resolve 1 Invite button added"));

        var refusedReopen = await ReplyTextAsync(await Slack.SendSlashCommandAsync(Dieter, Support, "/feedback", "reopen 1"));
        var reopened = await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ben, Support, "/feedback", "reopen 1"));
        var again = await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "resolve 1 Invite button really added now"));
        var notResolved = await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "reopen 1"));
        var stillResolved = await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "reopen 1"));

        Assert.That(first, Does.Contain("told its 2 reporters"));
        Assert.That(refusedReopen, Does.Contain("may reopen feedback #1"));
        Assert.That(reopened, Does.Contain("open again"));
        Assert.That(again, Does.Contain("told its 2 reporters"), "a new resolution tells everyone again");
        Assert.That(notResolved, Does.Contain("open again"));
        Assert.That(stillResolved, Does.Contain("not resolved"));
        // The DMs leave through the outbox, each reporter's DM paced a second after the first resolution's.
        await Eventually.ThatAsync(() => DirectMessages().Count(c => c.Arg("text")!.Contains("really added now")) == 2, "both reporters are told of the new resolution");
        await Eventually.ThatAsync(() => DirectMessages().Count(c => c.Arg("text")!.Contains("Invite button added")) == 2, "each was told of the first resolution");
    }

    [Test]
    public async Task AdminGroup_MembersMayResolve_ReadFromSlack()
    {
        await _host.DisposeAsync();
        _host = await BotTestHost.StartAsync(new BotTestHostOptions
        {
            Settings = new Dictionary<string, string?> { ["Feedback:AdminGroup"] = "@support-now" },
        });
        var member = Slack.Workspace.UserGroups.Single(g => g.Handle == "support-now").Users[0];
        var outsider = new[] { Ana, Ben, Ciara, Dieter }.First(u => u != member);
        var reporter = new[] { Ana, Ben, Ciara, Dieter }.First(u => u != member && u != outsider);
        await ReplyTextAsync(await Slack.SendSlashCommandAsync(reporter, Support, "/feedback", "How do I add a user?"));

        var refused = await ReplyTextAsync(await Slack.SendSlashCommandAsync(outsider, Support, "/feedback", "resolve 1 Done"));
        var allowed = await ReplyTextAsync(await Slack.SendSlashCommandAsync(member, Support, "/feedback", "resolve 1 Done"));

        Assert.That(refused, Does.Contain("@support-now"));
        Assert.That(allowed, Does.Contain("is resolved"));
        Assert.That(Slack.Calls.All.Count(c => c.Method == "usergroups.list"), Is.EqualTo(1), "the members are cached");
    }
}
