using System.Text.Json.Nodes;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Tests.Feedback;

/// <summary>Shortcuts, modals, buttons and events of the feature, through the real dispatcher.</summary>
public sealed class FeedbackInteractionTests
{
    private FeedbackHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new FeedbackHarness(new Dictionary<string, string?>
    {
        ["Feedback:PassiveChannels:0"] = "CPASSIVE",
        ["Feedback:Admins:0"] = "U5",
    });

    [TearDown]
    public void TearDown() => _h.Dispose();

    private static Dictionary<string, object> State(string? text, string? customer = null, string? source = null, string? link = null) => new()
    {
        [FeedbackModals.TextBlock] = new Dictionary<string, object> { ["text"] = new { type = "plain_text_input", value = text } },
        [FeedbackModals.CustomerBlock] = new Dictionary<string, object> { ["customer"] = new { type = "plain_text_input", value = customer } },
        [FeedbackModals.SourceBlock] = new Dictionary<string, object> { ["source"] = new { type = "static_select", selected_option = source is null ? null : new { value = source } } },
        [FeedbackModals.LinkBlock] = new Dictionary<string, object> { ["link"] = new { type = "plain_text_input", value = link } },
    };

    private Task<string?> SubmitAsync(string callbackId, Dictionary<string, object> state, string? metadata = null, string user = "U1") =>
        _h.DispatchWithAckAsync(SlackRequestKind.ViewSubmission, new
        {
            type = "view_submission",
            user = new { id = user, name = "dana" },
            team = new { id = "T1" },
            view = new { id = "V1", callback_id = callbackId, private_metadata = metadata, state = new { values = state } },
        });

    private void ServeMessage(string channel, string ts, string text, string user = "UAUTHOR", string? threadTs = null) =>
        _h.Api.CallResponder = (method, args) => method switch
        {
            "conversations.history" when threadTs is null && (string?)args["latest"] == ts =>
                new JsonObject { ["ok"] = true, ["messages"] = new JsonArray(new JsonObject { ["type"] = "message", ["user"] = user, ["text"] = text, ["ts"] = ts }) },
            "conversations.history" => new JsonObject { ["ok"] = true, ["messages"] = new JsonArray() },
            "conversations.replies" => new JsonObject
            {
                ["ok"] = true,
                ["messages"] = new JsonArray(
                    new JsonObject { ["type"] = "message", ["user"] = "UOTHER", ["text"] = "parent", ["ts"] = threadTs },
                    new JsonObject { ["type"] = "message", ["user"] = user, ["text"] = text, ["ts"] = ts, ["thread_ts"] = threadTs }),
            },
            _ => new JsonObject { ["ok"] = true },
        };

    private Task ReactAsync(string channel, string ts, string user = "U1", string reaction = "bulb") =>
        _h.EventAsync(new { type = "reaction_added", user, reaction, item_user = "UAUTHOR", item = new { type = "message", channel, ts }, event_ts = "1800.1" });

    [Test]
    public async Task GlobalShortcut_OpensTheForm_SubmissionWithErrorsIsShownInline()
    {
        await _h.Dispatch(SlackRequestKind.GlobalShortcut, new { type = "shortcut", callback_id = "new_feedback", trigger_id = "9.9.t", user = new { id = "U1" }, team = new { id = "T1" } }, null);

        var ack = await SubmitAsync(FeedbackModals.NewCallback, State("  ", link: "not a link"));

        Assert.That(_h.Api.OpenedViews.Single().View.CallbackId, Is.EqualTo(FeedbackModals.NewCallback));
        Assert.That(ack, Does.Contain("\"response_action\":\"errors\"").And.Contain(FeedbackModals.TextBlock).And.Contain(FeedbackModals.LinkBlock));
        Assert.That(_h.Repository.Count(), Is.Zero);
    }

    [Test]
    public async Task NewFeedbackSubmission_Valid_StoresItAndShowsTheSavedPage()
    {
        var ack = await SubmitAsync(FeedbackModals.NewCallback, State("I'm probably not your target customer, but can I use it for a school?", "Springfield Elementary", "research", "https://tickets.example/42"));

        var item = _h.Repository.Get(1)!;
        Assert.That(item.Bucket, Is.EqualTo(SpotlightBuckets.Positioning));
        Assert.That((item.Customer, item.Source, item.Link, item.CapturePath), Is.EqualTo(("Springfield Elementary", "research", "https://tickets.example/42", CapturePaths.Modal)));
        Assert.That(ack, Does.Contain("\"response_action\":\"update\"").And.Contain("#1"));
    }

    [Test]
    public async Task MessageShortcut_PrefillsTheForm_SubmissionKeepsThePermalinkAndAuthor()
    {
        await _h.Dispatch(SlackRequestKind.MessageShortcut, new
        {
            type = "message_action",
            callback_id = "capture_feedback",
            trigger_id = "7.7.t",
            user = new { id = "U1" },
            team = new { id = "T1" },
            channel = new { id = "CSALES", name = "sales" },
            message = new { type = "message", user = "UCUSTOMER", text = "Can you integrate with Jira?", ts = "1700000000.000500" },
        }, null);
        var view = _h.Api.OpenedViews.Single().View;
        var json = SlackJson.Serialize(view);

        await SubmitAsync(FeedbackModals.CaptureCallback, State("Can you integrate with Jira?", "Acme"), view.PrivateMetadata);

        Assert.That(view.CallbackId, Is.EqualTo(FeedbackModals.CaptureCallback));
        Assert.That(json, Does.Contain("Can you integrate with Jira?").And.Contain("<@UCUSTOMER>"));
        var item = _h.Repository.FindByMessage("CSALES", "1700000000.000500")!;
        Assert.That(item.Permalink, Is.EqualTo("https://test.slack.com/archives/CSALES/p1700000000000500"));
        Assert.That((item.AuthorId, item.ReporterId, item.Customer), Is.EqualTo(("UCUSTOMER", "U1", "Acme")));
    }

    [Test]
    public async Task Reaction_CapturesTheMessage_ConfirmsInThreadWithTheFollowUpQuestion()
    {
        ServeMessage("CSUPPORT", "1700.000100", "How do I reset 2FA for my team?");

        await ReactAsync("CSUPPORT", "1700.000100");

        var item = _h.Repository.FindByMessage("CSUPPORT", "1700.000100")!;
        Assert.That((item.Text, item.AuthorId, item.ReporterId, item.CapturePath), Is.EqualTo(("How do I reset 2FA for my team?", "UAUTHOR", "U1", CapturePaths.Reaction)));
        Assert.That(item.Permalink, Does.Contain("CSUPPORT"));
        var (channel, reply) = _h.Api.Posts.Single();
        Assert.That(channel, Is.EqualTo("CSUPPORT"));
        Assert.That(reply.ThreadTs, Is.EqualTo("1700.000100"));
        Assert.That(reply.Text, Does.Contain($"feedback #{item.Id}").And.Contain("How important is this to the customer?"));
        var history = _h.Api.Calls.First(c => c.Method == "conversations.history").Args;
        Assert.That(((string?)history["latest"], (bool?)history["inclusive"], (int?)history["limit"]), Is.EqualTo(("1700.000100", true, 1)));
    }

    [Test]
    public async Task Reaction_OnAThreadReply_ReadsItThroughReplies()
    {
        ServeMessage("CSUPPORT", "1700.000200", "Can I get a refund?", threadTs: "1700.000100");

        await ReactAsync("CSUPPORT", "1700.000200");

        Assert.That(_h.Repository.FindByMessage("CSUPPORT", "1700.000200")!.Text, Is.EqualTo("Can I get a refund?"));
        Assert.That(_h.Api.Posts.Single().Message.ThreadTs, Is.EqualTo("1700.000100"));
    }

    [Test]
    public async Task Reaction_OtherEmojiOrSecondReactionBySamePerson_DoesNothingNew()
    {
        ServeMessage("CSUPPORT", "1700.000100", "How do I reset 2FA?");

        await ReactAsync("CSUPPORT", "1700.000100", reaction: "thumbsup");
        Assert.That(_h.Repository.Count(), Is.Zero);

        await ReactAsync("CSUPPORT", "1700.000100", reaction: "bulb::skin-tone-2");
        await ReactAsync("CSUPPORT", "1700.000100");
        await ReactAsync("CSUPPORT", "1700.000100", user: "U2");

        Assert.That(_h.Repository.Count(), Is.EqualTo(1));
        Assert.That(_h.Repository.Reports(1).Select(r => r.ReporterId), Is.EqualTo(new[] { "U1", "U2" }));
        Assert.That(_h.Api.Posts.Count, Is.EqualTo(2), "one confirmation per new report");
    }

    [Test]
    public async Task Reaction_OnAMessageTheBotCannotRead_IsSkippedQuietly()
    {
        _h.Api.CallResponder = (method, _) => throw new SlackFeedbackBot.Slack.Api.SlackApiException(method, "not_in_channel");

        await ReactAsync("CPRIVATE", "1700.000100");

        Assert.That(_h.Repository.Count(), Is.Zero);
        Assert.That(_h.Log.Messages, Has.Some.Contains("not_in_channel"));
    }

    [Test]
    public async Task Reaction_ConfirmationByReaction_AddsAnEmojiOnly()
    {
        using var h = new FeedbackHarness(new Dictionary<string, string?> { ["Feedback:ReactionConfirmation"] = "Reaction", ["Feedback:CaptureReaction"] = ":star:" });
        h.Api.CallResponder = (_, _) => new JsonObject { ["ok"] = true, ["messages"] = new JsonArray(new JsonObject { ["user"] = "UA", ["text"] = "Can I pay yearly?", ["ts"] = "5.5" }) };

        await h.EventAsync(new { type = "reaction_added", user = "U1", reaction = "star", item = new { type = "message", channel = "C1", ts = "5.5" } });

        Assert.That(h.Repository.Count(), Is.EqualTo(1));
        Assert.That(h.Api.Posts, Is.Empty);
        Assert.That(h.Api.Reactions.Single(), Is.EqualTo(("C1", "5.5", "white_check_mark")));
    }

    [Test]
    public async Task Passive_NewMessageCaptured_EditFollowed_DeletionMarked()
    {
        await _h.EventAsync(new { type = "message", channel = "CPASSIVE", user = "UCS", text = "Customer asks: how do I move seats between teams?", ts = "100.1" });
        await _h.EventAsync(new
        {
            type = "message",
            subtype = "message_changed",
            hidden = true,
            channel = "CPASSIVE",
            ts = "100.9",
            message = new { type = "message", user = "UCS", text = "Customer asks: can I move seats between teams?", ts = "100.1" },
            previous_message = new { type = "message", user = "UCS", text = "Customer asks: how do I move seats between teams?", ts = "100.1" },
        });

        var edited = _h.Repository.FindByMessage("CPASSIVE", "100.1")!;
        Assert.That(edited.Text, Is.EqualTo("Customer asks: can I move seats between teams?"));
        Assert.That(edited.Bucket, Is.EqualTo(SpotlightBuckets.ProductMarketing));
        Assert.That(_h.Api.Posts.Single().Message.Text, Does.Contain("How important is this"));

        await _h.EventAsync(new { type = "message", subtype = "message_deleted", hidden = true, channel = "CPASSIVE", deleted_ts = "100.1", ts = "101.0" });
        Assert.That(_h.Repository.FindByMessage("CPASSIVE", "100.1")!.Status, Is.EqualTo(FeedbackStatus.Deleted));
    }

    [TestCase("thanks!")]
    [TestCase("ty")]
    [TestCase("thank you 🙏")]
    [TestCase("Thanks so much :pray:")]
    [TestCase(":tada: :tada:")]
    [TestCase("👍")]
    [TestCase("<@U123> :+1:")]
    public async Task Passive_NoiseIsSkipped(string text)
    {
        await _h.EventAsync(new { type = "message", channel = "CPASSIVE", user = "UCS", text, ts = "200.1" });

        Assert.That(_h.Repository.Count(), Is.Zero);
    }

    [Test]
    public async Task Passive_JoinsBotsRepliesAndOtherChannels_AreSkipped()
    {
        await _h.EventAsync(new { type = "message", subtype = "channel_join", channel = "CPASSIVE", user = "UNEW", text = "<@UNEW> has joined the channel", ts = "300.1" });
        await _h.EventAsync(new { type = "message", subtype = "bot_message", channel = "CPASSIVE", bot_id = "BOTHER", text = "Deploy finished, how do I read this?", ts = "300.2" });
        await _h.EventAsync(new { type = "message", channel = "CPASSIVE", user = "UCS", text = "How do I do it in a thread?", ts = "300.4", thread_ts = "300.3" });
        await _h.EventAsync(new { type = "message", channel = "CGENERAL", user = "UCS", text = "How do I do it elsewhere?", ts = "300.5" });

        Assert.That(_h.Repository.Count(), Is.Zero);
    }

    [Test]
    public async Task FollowUp_ReportersNextThreadReplyIsStored()
    {
        await _h.EventAsync(new { type = "message", channel = "CPASSIVE", user = "UCS", text = "How do I export invoices?", ts = "400.1" });

        await _h.EventAsync(new { type = "message", channel = "CPASSIVE", user = "USOMEONE", text = "+1", ts = "400.2", thread_ts = "400.1" });
        await _h.EventAsync(new { type = "message", channel = "CPASSIVE", user = "UCS", text = "Very: their accountant needs it monthly", ts = "400.3", thread_ts = "400.1" });
        await _h.EventAsync(new { type = "message", channel = "CPASSIVE", user = "UCS", text = "also unrelated chat", ts = "400.4", thread_ts = "400.1" });

        Assert.That(_h.Repository.GetFollowUp(1)!.Answer, Is.EqualTo("Very: their accountant needs it monthly"));
        Assert.That(_h.Api.Reactions.Single(), Is.EqualTo(("CPASSIVE", "400.3", FollowUpAnswerHandler.AnsweredReaction)));
    }

    [Test]
    public async Task ChangeBucketMenu_MovesTheItemAndUpdatesTheReply()
    {
        await _h.CommandAsync("How do I add a user?");

        await _h.Dispatch(SlackRequestKind.BlockActions, new
        {
            type = "block_actions",
            user = new { id = "U5" },
            team = new { id = "T1" },
            response_url = "https://hooks.example/a/1",
            actions = new[] { new { action_id = FeedbackReplies.SetBucketAction, type = "static_select", selected_option = new { value = "1:positioning" } } },
        }, null);

        Assert.That(_h.Repository.Get(1)!.Bucket, Is.EqualTo(SpotlightBuckets.Positioning));
        Assert.That(_h.Repository.BucketChanges(1).Single().ChangedBy, Is.EqualTo("U5"));
        var (url, message) = _h.Api.Responses.Single();
        Assert.That(url, Is.EqualTo("https://hooks.example/a/1"));
        Assert.That(message.ReplaceOriginal, Is.True);
        Assert.That(message.Text, Does.Contain("Positioning"));
    }

    [Test]
    public async Task AddDetailsButton_OpensDetailsForm_SubmissionFillsFieldsOrShowsErrors()
    {
        await _h.CommandAsync("How do I add a user?");
        await _h.Dispatch(SlackRequestKind.BlockActions, new
        {
            type = "block_actions",
            trigger_id = "3.3.t",
            user = new { id = "U1" },
            team = new { id = "T1" },
            actions = new[] { new { action_id = FeedbackReplies.AddDetailsAction, type = "button", value = "1" } },
        }, null);
        var view = _h.Api.OpenedViews.Single().View;

        var bad = await SubmitAsync(FeedbackModals.DetailsCallback, State(null, "Acme", "support", "ftp://nope"), view.PrivateMetadata);
        var good = await SubmitAsync(FeedbackModals.DetailsCallback, State(null, "Acme", "support", "https://crm.example/acme"), view.PrivateMetadata);

        Assert.That(view.CallbackId, Is.EqualTo(FeedbackModals.DetailsCallback));
        Assert.That(bad, Does.Contain(FeedbackModals.LinkBlock));
        Assert.That(good, Is.Null, "an empty ack closes the form");
        var item = _h.Repository.Get(1)!;
        Assert.That((item.Customer, item.Source, item.Link), Is.EqualTo(("Acme", "support", "https://crm.example/acme")));
    }

    [Test]
    public async Task AddDetails_Saved_UpdatesTheCaptureReplyItWasOpenedFrom_WithTheNewImportance()
    {
        await _h.CommandAsync("How do I add a user?");
        await _h.Dispatch(SlackRequestKind.BlockActions, new
        {
            type = "block_actions",
            trigger_id = "3.3.t",
            response_url = "https://hooks.example/a/9",
            user = new { id = "U1" },
            team = new { id = "T1" },
            actions = new[] { new { action_id = FeedbackReplies.AddDetailsAction, type = "button", value = "1" } },
        }, null);
        var view = _h.Api.OpenedViews.Single().View;
        var state = State(null, "Acme");
        state[FeedbackModals.ImportanceBlock] = new Dictionary<string, object> { ["importance"] = new { type = "static_select", selected_option = new { value = "high" } } };

        var ack = await SubmitAsync(FeedbackModals.DetailsCallback, state, view.PrivateMetadata);

        Assert.That(ack, Is.Null);
        var (url, message) = _h.Api.Responses.Single();
        Assert.That(url, Is.EqualTo("https://hooks.example/a/9"));
        Assert.That(message.ReplaceOriginal, Is.True, "the original confirmation is updated, not a second one posted");
        Assert.That(System.Text.Json.JsonSerializer.Serialize(message), Does.Contain("Importance: high").And.Contain("Acme").And.Contain(FeedbackReplies.AddDetailsAction));
    }
}
