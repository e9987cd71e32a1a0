using SlackFeedbackBot.Storage;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Delivery;
using SlackFeedbackBot.Emulator.WebApi;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Slack.Inbox;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Feedback;

/// <summary>Every capture path against the real bot host and the Slack emulator: Slack request in, item in SQLite, reply or DM out.</summary>
[TestFixtureSource(typeof(ProviderDatabase), nameof(ProviderDatabase.Providers))]
public sealed class FeedbackEndToEndTests(StorageProvider provider)
{
    private const string Ana = "U0ANA00001";
    private const string Ben = "U0BEN00002";
    private const string Support = EmulatorIds.SupportChannelId;
    private const string Listening = EmulatorIds.CustomerFeedbackChannelId;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private BotTestHost _host = null!;

    private SlackEmulator Slack => _host.Slack;

    private FeedbackRepository Repository => _host.Services.GetRequiredService<FeedbackRepository>();

    [SetUp]
    public async Task SetUp() => _host = await BotTestHost.StartAsync(new BotTestHostOptions
    {
        Provider = provider,
        Settings = new Dictionary<string, string?> { ["Feedback:PassiveChannels:0"] = Listening },
    });

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    private async Task<string> ReplyTextAsync(DeliveryResult result) =>
        result.AckPayload?["text"]?.ToString() ?? (await Slack.ResponseUrlPosts.WaitForAsync(p => p.Url == result.ResponseUrl, Wait)).Text ?? "";

    private async Task<string> OpenedViewIdAsync(Func<ApiCall, bool>? match = null) =>
        (string)(await Slack.WaitForCallAsync("views.open", match, Wait)).Response["view"]!["id"]!;

    private static Dictionary<string, Dictionary<string, string>> Form(string text, string? customer = null, string? source = null)
    {
        var values = new Dictionary<string, Dictionary<string, string>> { [FeedbackModals.TextBlock] = new() { ["text"] = text } };
        if (customer is not null)
        {
            values[FeedbackModals.CustomerBlock] = new() { ["customer"] = customer };
        }

        if (source is not null)
        {
            values[FeedbackModals.SourceBlock] = new() { ["source"] = source };
        }

        return values;
    }

    private Task<ApiCall> PostedAsync(Func<JsonObject, bool> match) => Slack.WaitForCallAsync("chat.postMessage", c => match(c.Args), Wait);

    [Test]
    public async Task SlashCommand_StoresTheItemAndAnswersEphemerally()
    {
        var result = await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "customer:\"Big Co\" source:sales How do I connect Trello?");

        var reply = await ReplyTextAsync(result);
        Assert.That(reply, Does.Contain("#1").And.Contain("User experience"));
        var item = Repository.Get(1)!;
        Assert.That((item.Text, item.Customer, item.Source, item.ReporterId), Is.EqualTo(("How do I connect Trello?", "Big Co", "sales", Ana)));
    }

    [Test]
    public async Task GlobalShortcut_OpensTheModal_InvalidSubmissionShowsErrors_ValidOneSaves()
    {
        await Slack.SendGlobalShortcutAsync(Ana, NewFeedbackShortcut.CallbackId);
        var viewId = await OpenedViewIdAsync();

        var invalid = await Slack.SubmitViewAsync(Ana, viewId, Form("   "));
        var valid = await Slack.SubmitViewAsync(Ana, viewId, Form("Can you integrate with Jira?", "Acme", "support"));

        Assert.That(invalid.ResponseAction, Is.EqualTo("errors"));
        Assert.That(invalid.AckPayload!["errors"]![FeedbackModals.TextBlock], Is.Not.Null);
        Assert.That(valid.ResponseAction, Is.EqualTo("update"));
        var item = Repository.Get(1)!;
        Assert.That((item.Text, item.Customer, item.Source, item.CapturePath), Is.EqualTo(("Can you integrate with Jira?", "Acme", "support", CapturePaths.Modal)));
    }

    [Test]
    public async Task MessageShortcut_PrefilledModal_SubmissionKeepsThePermalink()
    {
        var message = await Slack.PostUserMessageAsync(Ben, Support, "Customer asked: can I export to Excel?");

        await Slack.SendMessageShortcutAsync(Ana, Support, message.Ts, CaptureMessageShortcut.CallbackId);
        var open = await Slack.WaitForCallAsync("views.open", null, Wait);
        var viewId = (string)open.Response["view"]!["id"]!;
        await Slack.SubmitViewAsync(Ana, viewId, Form("Customer asked: can I export to Excel?", "Initech"));

        Assert.That(open.Args.ToJsonString(), Does.Contain("can I export to Excel?").And.Contain(Ben));
        var item = Repository.FindByMessage(Support, message.Ts)!;
        await Eventually.ThatAsync(() => Repository.FindByMessage(Support, message.Ts)!.Permalink == Slack.Permalink(Support, message.Ts), "the permalink is stored");
        Assert.That((item.AuthorId, item.ReporterId, item.Customer), Is.EqualTo((Ben, Ana, "Initech")));
    }

    [Test]
    public async Task Reaction_CapturesTheMessageAndConfirmsInTheThread()
    {
        var message = await Slack.PostUserMessageAsync(Ben, Support, "How do I reset 2FA for my whole team?");

        await Slack.AddReactionAsync(Ana, Support, message.Ts, "bulb");

        var confirmation = await PostedAsync(a => (string?)a["thread_ts"] == message.Ts);
        var item = Repository.FindByMessage(Support, message.Ts)!;
        Assert.That((item.Text, item.ReporterId, item.AuthorId, item.CapturePath), Is.EqualTo(("How do I reset 2FA for my whole team?", Ana, Ben, CapturePaths.Reaction)));
        await Eventually.ThatAsync(() => Repository.FindByMessage(Support, message.Ts)!.Permalink == Slack.Permalink(Support, message.Ts), "the permalink is stored");
        Assert.That(confirmation.Arg("text"), Does.Contain($"#{item.Id}"));
    }

    [Test]
    public async Task Reaction_ConfirmsToTheReactorLikeTheCommand_AndChangingTheBucketKeepsAddDetails()
    {
        var message = await Slack.PostUserMessageAsync(Ben, Support, "How do I reset 2FA for my whole team?");

        await Slack.AddReactionAsync(Ana, Support, message.Ts, "bulb");

        var card = await Slack.WaitForCallAsync("chat.postEphemeral", c => c.Ok && c.Arg("user") == Ana && c.Arg("channel") == Support, Wait);
        var item = Repository.FindByMessage(Support, message.Ts)!;
        var blocks = card.Arg("blocks")!;
        Assert.That(blocks, Does.Contain($"Saved as feedback *#{item.Id}*").And.Contain("Rule that matched").And.Contain(FeedbackReplies.SetBucketAction).And.Contain("Add details"),
            "the same confirmation as /feedback: bucket, rule, change bucket, add details");

        var ts = (string)card.Response["message_ts"]!;
        var changed = await Slack.SelectOptionAsync(Ana, Support, ts, FeedbackReplies.SetBucketAction, $"{item.Id}:positioning");

        var replaced = await Slack.ResponseUrlPosts.WaitForAsync(p => p.Url == changed.ResponseUrl, Wait);
        Assert.That(replaced.Payload.ToJsonString(), Does.Contain("is now in").And.Contain(FeedbackReplies.AddDetailsAction).And.Contain(FeedbackReplies.SetBucketAction),
            "both controls are still there after the change");
    }

    [Test]
    public async Task Passive_NewMessageEditAndDeletion_AreFollowed_AndThankYouIsSkipped()
    {
        var thanks = await Slack.PostUserMessageAsync(Ben, Listening, "thank you 🙏");
        var message = await Slack.PostUserMessageAsync(Ben, Listening, "Customer: how do I move seats between teams?");
        await Eventually.ThatAsync(() => Repository.FindByMessage(Listening, message.Ts) is not null, "the message is captured");

        await Slack.EditUserMessageAsync(Listening, message.Ts, "Customer: can I move seats between teams?");
        await Eventually.ThatAsync(() => Repository.FindByMessage(Listening, message.Ts)!.Text.Contains("can I move"), "the edit is followed");
        await Slack.DeleteUserMessageAsync(Listening, message.Ts);
        await Eventually.ThatAsync(() => Repository.FindByMessage(Listening, message.Ts)!.Status == FeedbackStatus.Deleted, "the deletion is marked");

        Assert.That(Repository.FindByMessage(Listening, thanks.Ts), Is.Null);
        Assert.That(Repository.Count(), Is.EqualTo(1));
    }

    private string Bot => Slack.BotUserId;

    private List<ApiCall> BotPostsIn(string channel, string threadTs) =>
        Slack.Calls.All.Where(c => c.Method == "chat.postMessage" && c.Ok && c.Arg("channel") == channel && c.Arg("thread_ts") == threadTs).ToList();

    private async Task EverythingHandledAsync() =>
        await Eventually.ThatAsync(
            () => _host.Services.GetRequiredService<ISlackInbox>().GetPendingAsync(10, CancellationToken.None).GetAwaiter().GetResult().Count == 0,
            "every delivered event is handled");

    [Test]
    public async Task Mention_CapturesTheTextAfterIt_WithALink_AndConfirmsInTheThread()
    {
        var message = await Slack.PostUserMessageAsync(Ben, Support, $"<@{Bot}> customer:Initech How do I export to Excel?");

        var confirmation = await PostedAsync(a => (string?)a["thread_ts"] == message.Ts);
        var item = Repository.FindByMessage(Support, message.Ts)!;
        Assert.That((item.Text, item.Customer, item.ReporterId, item.AuthorId, item.CapturePath),
            Is.EqualTo(("How do I export to Excel?", (string?)"Initech", (string?)Ben, (string?)Ben, CapturePaths.Mention)));
        await Eventually.ThatAsync(() => Repository.FindByMessage(Support, message.Ts)!.Permalink == Slack.Permalink(Support, message.Ts), "the permalink is stored");
        Assert.That(confirmation.Arg("channel"), Is.EqualTo(Support));
        Assert.That(confirmation.Arg("text"), Does.Contain($"<@{Ben}>").And.Contain($"feedback #{item.Id}"));
    }

    [Test]
    public async Task Mention_InsideAThread_IsAnsweredInThatThread()
    {
        var parent = await Slack.PostUserMessageAsync(Ana, Support, "Call notes from Globex");

        var reply = await Slack.PostUserMessageAsync(Ben, Support, $"<@{Bot}> They want SSO with Okta", threadTs: parent.Ts);

        var confirmation = await PostedAsync(a => (string?)a["thread_ts"] == parent.Ts);
        Assert.That(confirmation.Arg("text"), Does.Contain("saved as feedback"));
        Assert.That(Repository.FindByMessage(Support, reply.Ts)!.Text, Is.EqualTo("They want SSO with Okta"));
    }

    [Test]
    public async Task MentionHelp_AnswersInTheThread_AndSavesNothing()
    {
        var message = await Slack.PostUserMessageAsync(Ben, Support, $"<@{Bot}> HELP");

        var answer = await PostedAsync(a => (string?)a["thread_ts"] == message.Ts);
        Assert.That(answer.Arg("text"), Does.Contain("Mention me with what a customer said").And.Contain("/feedback help"));
        await EverythingHandledAsync();
        Assert.That(Repository.Count(), Is.Zero);
    }

    [Test]
    public async Task Mention_InAListenedChannel_IsCapturedOnce_WithOneReply()
    {
        var message = await Slack.PostUserMessageAsync(Ben, Listening, $"<@{Bot}> Customer: can we get dark mode?");

        Assert.That(message.MessageDelivery, Is.Not.Null, "the listened channel sends the message event too");
        Assert.That(message.MentionDelivery, Is.Not.Null);
        await PostedAsync(a => (string?)a["thread_ts"] == message.Ts);
        await EverythingHandledAsync();

        Assert.That(Repository.Count(), Is.EqualTo(1));
        var item = Repository.FindByMessage(Listening, message.Ts)!;
        Assert.That((item.Text, item.CapturePath), Is.EqualTo(("Customer: can we get dark mode?", CapturePaths.Mention)));
        Assert.That(Repository.Reports(item.Id), Has.Count.EqualTo(1));
        Assert.That(BotPostsIn(Listening, message.Ts), Has.Count.EqualTo(1), "one answer in the thread, with the follow-up question");
        Assert.That(BotPostsIn(Listening, message.Ts).Single().Arg("text"), Does.Contain("How important is this to the customer?"));
    }

    [Test]
    public async Task Mention_WhereTheBotIsNotAMember_DeliversNothing()
    {
        var channel = Slack.Workspace.AddChannel("C0NOBOT001", "no-bot", false, [Ben]);

        var message = await Slack.PostUserMessageAsync(Ben, channel.Id, $"<@{Bot}> Customers want dark mode");

        Assert.That((message.MessageDelivery, message.MentionDelivery), Is.EqualTo(((DeliveryResult?)null, (DeliveryResult?)null)));
    }

    [Test]
    public async Task FollowUp_QuestionAskedInThread_ReportersReplyIsStored()
    {
        var message = await Slack.PostUserMessageAsync(Ben, Listening, "Customer: how do I export invoices?");
        var question = await PostedAsync(a => (string?)a["thread_ts"] == message.Ts);
        Assert.That(question.Arg("text"), Does.Contain("How important is this to the customer?"));
        var itemId = Repository.FindByMessage(Listening, message.Ts)!.Id;

        await Slack.PostUserMessageAsync(Ben, Listening, "Very: their accountant needs it every month", threadTs: message.Ts);

        await Eventually.ThatAsync(() => Repository.GetFollowUp(itemId)?.Answer == "Very: their accountant needs it every month", "the answer is stored");
    }

    [Test]
    public async Task SameMessageCapturedTwice_IsOneItemWithTwoReporters()
    {
        var message = await Slack.PostUserMessageAsync(Ben, Support, "Can you integrate with Salesforce?");

        await Slack.AddReactionAsync(Ana, Support, message.Ts, "bulb");
        await Eventually.ThatAsync(() => Repository.FindByMessage(Support, message.Ts) is not null, "the reaction captured it");
        await Slack.SendMessageShortcutAsync(Ben, Support, message.Ts, CaptureMessageShortcut.CallbackId);
        var viewId = await OpenedViewIdAsync();
        await Slack.SubmitViewAsync(Ben, viewId, Form("Can you integrate with Salesforce? Globex asks too", "Globex"));

        var item = Repository.FindByMessage(Support, message.Ts)!;
        Assert.That(Repository.Count(), Is.EqualTo(1));
        Assert.That(Repository.Reports(item.Id).Select(r => (r.ReporterId, r.Customer)), Is.EqualTo(new[] { (Ana, (string?)null), (Ben, "Globex") }));
    }

    [Test]
    public async Task Resolve_DmsEveryReporterOnce()
    {
        await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "How do I add a user?");
        await Slack.SendSlashCommandAsync(Ben, Support, "/feedback", "same 1 Their admin cannot add people either customer:Globex");

        var first = await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "resolve 1 The invite button is now on the dashboard"));
        var second = await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "resolve 1 The invite button is now on the dashboard"));

        Assert.That(first, Does.Contain("told its 2 reporters"));
        Assert.That(second, Does.Contain("Nobody new to tell"));
        List<ApiCall> Dms() => Slack.Calls.All.Where(c => c.Method == "chat.postMessage" && c.Ok && c.Arg("channel")!.StartsWith('D')).ToList();
        await Eventually.ThatAsync(() => Dms().Count >= 2, "both reporters get their DM", Wait);
        await EverythingHandledAsync();
        var dms = Dms();
        Assert.That(dms, Has.Count.EqualTo(2));
        Assert.That(dms.All(d => d.Arg("text")!.Contains("The invite button is now on the dashboard")), Is.True);
        var opened = Slack.Calls.All.Where(c => c.Method == "conversations.open").Select(c => c.Args.ToJsonString()).ToList();
        Assert.That(opened, Has.Some.Contains(Ana).And.Some.Contains(Ben));
    }

    [Test]
    public async Task Resolve_AnImportedItem_LinksReportersNamedLikeWorkspaceUsers_AndTellsThem()
    {
        const string Dieter = "U0DIETER04";
        var importer = _host.Services.GetRequiredService<FeedbackImporter>();
        var imported = importer.Import(new StringReader(
            "created_at,customer,reporter,source,text\n" +
            "2026-03-01,Acme,ben,sales,How do I export to Excel?\n" +
            "2026-03-01,Hooli,Dieter Wolf,sales,How do I export to Excel?\n" +
            "2026-03-01,Stark,Nobody Here,sales,How do I export to Excel?\n"));
        Assert.That(imported.Added, Is.EqualTo(3));
        var ids = Repository.List(null, null, 10).Select(i => i.Id).ToList();

        foreach (var id in ids)
        {
            await _host.Services.GetRequiredService<FeedbackResolver>().ResolveAsync(id, Ana, "Export to Excel is in the menu now", CancellationToken.None);
        }

        var reporters = ids.SelectMany(id => Repository.Reports(id)).Select(r => (r.ReporterName, r.ReporterId)).ToList();
        Assert.That(reporters, Is.EquivalentTo(new[] { ((string?)"ben", (string?)Ben), ("Dieter Wolf", Dieter), ("Nobody Here", null) }));
        await Eventually.ThatAsync(() => Slack.Calls.All.Count(c => c.Method == "conversations.open" && c.Ok) >= 2, "Ben and Dieter are told", Wait);
        var opened = Slack.Calls.All.Where(c => c.Method == "conversations.open").Select(c => c.Args.ToJsonString()).ToList();
        Assert.That(opened, Has.Some.Contains(Ben).And.Some.Contains(Dieter));
    }

    [Test]
    public void Import_ASlackUserIdAsReporter_IsThatPerson()
    {
        var importer = _host.Services.GetRequiredService<FeedbackImporter>();

        importer.Import(new StringReader($"customer,reporter,text\nAcme,{Ben},How do I export to Excel?\nAcme,WILLIAMS,Can I pay yearly?\n"));

        var reports = Repository.List(null, null, 10).SelectMany(i => Repository.Reports(i.Id)).ToList();
        Assert.That(reports.Select(r => (r.ReporterId, r.ReporterName)), Is.EquivalentTo(new[] { ((string?)Ben, (string?)null), (null, "WILLIAMS") }));
    }

    private bool IsDmTo(ApiCall call, string user) => call.Ok && Slack.Workspace.GetChannel(call.Arg("channel") ?? "")?.ImUserId == user;

    [Test]
    public async Task Modal_ConfirmsLikeEveryCapture_InTheFormAndWithTheButtonsByDirectMessage()
    {
        await Slack.SendGlobalShortcutAsync(Ana, NewFeedbackShortcut.CallbackId);
        var viewId = await OpenedViewIdAsync();

        var saved = await Slack.SubmitViewAsync(Ana, viewId, Form("How do I export all my invoices to Excel?", "Acme"));

        var item = Repository.Get(1)!;
        var page = saved.AckPayload!["view"]!.ToJsonString();
        Assert.That(page, Does.Contain($"Saved as feedback *#{item.Id}* in").And.Contain(item.Rule is null ? "No rule matched" : "Rule that matched"),
            "the form's last page says what the command's answer says");
        Assert.That(page, Does.Contain("direct messages"));
        var card = await Slack.WaitForCallAsync("chat.postMessage", c => IsDmTo(c, Ana), Wait);
        Assert.That(card.Arg("blocks"), Does.Contain($"Saved as feedback *#{item.Id}* in").And.Contain(FeedbackReplies.SetBucketAction).And.Contain("Add details"));
        await Eventually.ThatAsync(() => OutboxTable.Rows(_host.Services.GetRequiredService<SlackFeedbackBot.Storage.Database>()).All(r => r.Status != "pending"), "every effect is sent", Wait);
        Assert.That(Slack.Calls.All.Count(c => c.Method == "chat.postMessage" && IsDmTo(c, Ana)), Is.EqualTo(1), "one DM, not two saying the same");
    }

    [Test]
    public async Task ListenedChannel_ConfirmsToTheAuthorLikeEveryCapture_AndAsksInTheThreadInTheMentionsWords()
    {
        var message = await Slack.PostUserMessageAsync(Ben, Listening, "How do I export all my invoices to Excel for the auditors?");

        var card = await Slack.WaitForCallAsync("chat.postEphemeral", c => c.Ok && c.Arg("user") == Ben && c.Arg("channel") == Listening, Wait);
        var question = await PostedAsync(a => (string?)a["thread_ts"] == message.Ts);

        var item = Repository.FindByMessage(Listening, message.Ts)!;
        Assert.That(card.Arg("blocks"), Does.Contain($"Saved as feedback *#{item.Id}* in").And.Contain(FeedbackReplies.SetBucketAction).And.Contain("Add details"));
        Assert.That(question.Arg("text"), Does.StartWith($"<@{Ben}> Thanks, saved as feedback #{item.Id} ("));
    }
}
