using System.Text.Json.Nodes;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Delivery;
using SlackFeedbackBot.Emulator.Workspace;

namespace SlackFeedbackBot.Tests.Emulator;

public sealed class SocketModeTests
{
    private SlackEmulator _emu = null!;
    private readonly List<SocketModeTestClient> _clients = [];

    [SetUp]
    public async Task StartAsync() => _emu = await SlackEmulator.StartAsync(new EmulatorOptions
    {
        SeedDemoWorkspace = true,
        AckTimeout = TimeSpan.FromSeconds(10),
        DisconnectGracePeriod = TimeSpan.FromMilliseconds(100),
    });

    [TearDown]
    public async Task StopAsync()
    {
        foreach (var client in _clients) await client.DisposeAsync();
        _clients.Clear();
        await _emu.DisposeAsync();
    }

    private async Task<SocketModeTestClient> ConnectAsync()
    {
        var client = await SocketModeTestClient.ConnectAsync(_emu);
        _clients.Add(client);
        await client.NextAsync(m => m["type"]?.ToString() == "hello");
        return client;
    }

    [Test]
    public async Task HelloArrivesOnConnect()
    {
        var client = await SocketModeTestClient.ConnectAsync(_emu);
        _clients.Add(client);

        var hello = await client.NextAsync();
        await _emu.WaitForSocketsAsync(1, TimeSpan.FromSeconds(10));

        Assert.That(hello["type"]!.ToString(), Is.EqualTo("hello"));
        Assert.That(hello["num_connections"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(hello["debug_info"]!["approximate_connection_time"]!.GetValue<int>(), Is.GreaterThan(0));
        Assert.That(_emu.OpenSocketCount, Is.EqualTo(1));
    }

    [Test]
    public async Task SlashCommandRoundTripCarriesTheAckPayload()
    {
        var client = await ConnectAsync();

        var delivery = _emu.SendSlashCommandAsync("U0ANA00001", EmulatorIds.SupportChannelId, "/feedback", "the export is slow");
        var envelope = await client.NextEnvelopeAsync();
        await client.AckAsync(envelope, new JsonObject { ["text"] = "Thanks, noted!" });
        var result = await delivery;

        Assert.That(envelope["type"]!.ToString(), Is.EqualTo("slash_commands"));
        Assert.That(envelope["accepts_response_payload"]!.GetValue<bool>(), Is.True);
        var payload = envelope["payload"]!;
        Assert.That(payload["command"]!.ToString(), Is.EqualTo("/feedback"));
        Assert.That(payload["text"]!.ToString(), Is.EqualTo("the export is slow"));
        Assert.That(payload["user_id"]!.ToString(), Is.EqualTo("U0ANA00001"));
        Assert.That(payload["channel_name"]!.ToString(), Is.EqualTo("support"));
        Assert.That(payload["response_url"]!.ToString(), Does.StartWith($"{_emu.BaseUrl}response/"));
        Assert.That(result.Acked, Is.True);
        Assert.That(result.EnvelopeId, Is.EqualTo(envelope["envelope_id"]!.ToString()));
        Assert.That(result.AckPayload!["text"]!.ToString(), Is.EqualTo("Thanks, noted!"));
        var reply = _emu.Workspace.Messages.Single(m => m.Text == "Thanks, noted!");
        Assert.That(reply.EphemeralFor, Is.EqualTo("U0ANA00001"));
    }

    [Test]
    public async Task ResponseUrlPostsAreRecordedAndShown()
    {
        var client = await ConnectAsync();
        var delivery = _emu.SendSlashCommandAsync("U0ANA00001", EmulatorIds.SupportChannelId, "/support", "who");
        await client.AckAsync(await client.NextEnvelopeAsync());
        var result = await delivery;

        using var http = new HttpClient();
        using var posted = await http.PostAsync(result.ResponseUrl, new StringContent("""{"response_type":"in_channel","text":"Ana is on support"}""", System.Text.Encoding.UTF8, "application/json"));
        var recorded = await _emu.ResponseUrlPosts.WaitForAsync(p => p.Text == "Ana is on support", TimeSpan.FromSeconds(10));

        Assert.That(result.AckPayload, Is.Null);
        Assert.That(posted.IsSuccessStatusCode, Is.True);
        Assert.That(recorded.ChannelId, Is.EqualTo(EmulatorIds.SupportChannelId));
        Assert.That(_emu.Workspace.Messages.Single(m => m.Text == "Ana is on support").EphemeralFor, Is.Null);
    }

    [Test]
    public async Task UserMessageDeliversMessageAndMentionEvents()
    {
        var client = await ConnectAsync();

        var posting = _emu.PostUserMessageAsync("U0BEN00002", EmulatorIds.CustomerFeedbackChannelId, $"<@{_emu.BotUserId}> customers want dark mode");
        var message = await client.NextEnvelopeAsync();
        await client.AckAsync(message);
        var mention = await client.NextEnvelopeAsync();
        await client.AckAsync(mention);
        var result = await posting;

        Assert.That(message["type"]!.ToString(), Is.EqualTo("events_api"));
        var callback = message["payload"]!;
        Assert.That(callback["type"]!.ToString(), Is.EqualTo("event_callback"));
        Assert.That(callback["event_id"]!.ToString(), Does.StartWith("Ev"));
        Assert.That(callback["event"]!["type"]!.ToString(), Is.EqualTo("message"));
        Assert.That(callback["event"]!["channel_type"]!.ToString(), Is.EqualTo("channel"));
        Assert.That(callback["event"]!["ts"]!.ToString(), Is.EqualTo(result.Ts));
        Assert.That(mention["payload"]!["event"]!["type"]!.ToString(), Is.EqualTo("app_mention"));
        Assert.That(message["retry_attempt"]!.GetValue<int>(), Is.EqualTo(0));
        Assert.That(result.MessageDelivery!.Acked && result.MentionDelivery!.Acked, Is.True);
    }

    [Test]
    public async Task UnackedEventIsRedeliveredOnAnotherSocketWithRetryAttempt()
    {
        await using var emu = await SlackEmulator.StartAsync(new EmulatorOptions { SeedDemoWorkspace = true, AckTimeout = TimeSpan.FromMilliseconds(500) });
        var silent = await SocketModeTestClient.ConnectAsync(emu);
        var answering = await SocketModeTestClient.ConnectAsync(emu);
        _clients.AddRange([silent, answering]);
        await emu.WaitForSocketsAsync(2, TimeSpan.FromSeconds(10));

        // Whichever socket gets the first attempt stays silent; the retry must go to the other one, which acks.
        var sending = emu.SendEventAsync(new JsonObject { ["type"] = "reaction_added", ["user"] = "U0ANA00001", ["reaction"] = "bulb" }, eventId: "Ev0TESTRETRY");
        var acking = AckFirstRetryAsync(answering);
        var acking2 = AckFirstRetryAsync(silent);
        var result = await sending;

        Assert.That(result.Acked, Is.True);
        Assert.That(result.Attempts, Is.EqualTo(2));
        var attempts = emu.Deliveries.All.Where(d => d.EventId == "Ev0TESTRETRY").ToList();
        Assert.That(attempts.Select(a => a.Status), Is.EqualTo(new[] { DeliveryStatus.NotAcked, DeliveryStatus.Acked }));
        Assert.That(attempts.Select(a => a.RetryAttempt), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(attempts[1].SocketId, Is.Not.EqualTo(attempts[0].SocketId));
        Assert.That(attempts[1].RetryReason, Is.EqualTo("timeout"));
        var retried = await Task.WhenAny(acking, acking2);
        Assert.That((await retried)["payload"]!["event_id"]!.ToString(), Is.EqualTo("Ev0TESTRETRY"));
    }

    private static async Task<JsonObject> AckFirstRetryAsync(SocketModeTestClient client)
    {
        while (true)
        {
            var envelope = await client.NextEnvelopeAsync(TimeSpan.FromSeconds(20));
            if (envelope["retry_attempt"]!.GetValue<int>() == 0) continue;
            await client.AckAsync(envelope);
            return envelope;
        }
    }

    [Test]
    public async Task EventNeverAckedIsRetriedThreeTimesThenReported()
    {
        await using var emu = await SlackEmulator.StartAsync(new EmulatorOptions { AckTimeout = TimeSpan.FromMilliseconds(300) });
        var client = await SocketModeTestClient.ConnectAsync(emu);
        _clients.Add(client);
        await emu.WaitForSocketsAsync(1, TimeSpan.FromSeconds(10));

        var result = await emu.SendEventAsync(new JsonObject { ["type"] = "reaction_added" });

        Assert.That(result.Acked, Is.False);
        Assert.That(result.Attempts, Is.EqualTo(4));
        Assert.That(emu.Deliveries.All.Select(d => d.RetryAttempt), Is.EqualTo(new[] { 0, 1, 2, 3 }));
        Assert.That(emu.Deliveries.All.Select(d => d.Status).Distinct(), Is.EqualTo(new[] { DeliveryStatus.NotAcked }));
    }

    [Test]
    public async Task DisconnectWarnsThenClosesOnlyThatSocket()
    {
        var first = await ConnectAsync();
        var second = await ConnectAsync();
        await _emu.WaitForSocketsAsync(2, TimeSpan.FromSeconds(10));

        await _emu.SendDisconnectAsync("refresh_requested", socketIndex: 0);
        var disconnect = await first.NextAsync(m => m["type"]?.ToString() == "disconnect");
        await first.Closed.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(disconnect["reason"]!.ToString(), Is.EqualTo("refresh_requested"));
        Assert.That(_emu.OpenSocketCount, Is.EqualTo(1));
        var delivery = _emu.SendGlobalShortcutAsync("U0CIARA003", "give_feedback");
        var envelope = await second.NextEnvelopeAsync();
        await second.AckAsync(envelope);
        Assert.That((await delivery).Acked, Is.True);
        Assert.That(envelope["payload"]!["type"]!.ToString(), Is.EqualTo("shortcut"));
    }

    [Test]
    public async Task ModalFlowWithTriggerValidationErrorsAndClose()
    {
        var client = await ConnectAsync();
        using var api = new ApiClient(_emu);
        var shortcut = _emu.SendGlobalShortcutAsync("U0ANA00001", "give_feedback");
        var envelope = await client.NextEnvelopeAsync();
        await client.AckAsync(envelope);
        await shortcut;
        var trigger = envelope["payload"]!["trigger_id"]!.ToString();
        var view = new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = "feedback_modal",
            ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Feedback" },
            ["submit"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Send" },
            ["blocks"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "input", ["block_id"] = "text_block",
                    ["label"] = new JsonObject { ["type"] = "plain_text", ["text"] = "What happened?" },
                    ["element"] = new JsonObject { ["type"] = "plain_text_input", ["action_id"] = "text" },
                },
                new JsonObject
                {
                    ["type"] = "input", ["block_id"] = "bucket_block",
                    ["label"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Bucket" },
                    ["element"] = new JsonObject
                    {
                        ["type"] = "static_select", ["action_id"] = "bucket",
                        ["options"] = new JsonArray(new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Bug" }, ["value"] = "bug" }),
                    },
                }),
        };

        var opened = await api.PostJsonAsync("views.open", new JsonObject { ["trigger_id"] = trigger, ["view"] = view });
        var again = await api.PostJsonAsync("views.open", new JsonObject { ["trigger_id"] = trigger, ["view"] = view.DeepClone() });
        var viewId = opened["view"]!["id"]!.ToString();
        var values = new Dictionary<string, Dictionary<string, string>>
        {
            ["text_block"] = new() { ["text"] = "" },
            ["bucket_block"] = new() { ["bucket"] = "bug" },
        };

        var rejected = _emu.SubmitViewAsync("U0ANA00001", viewId, values);
        var submission = await client.NextEnvelopeAsync();
        await client.AckAsync(submission, new JsonObject { ["response_action"] = "errors", ["errors"] = new JsonObject { ["text_block"] = "Please describe it" } });
        var rejectedResult = await rejected;
        var stillOpen = _emu.Workspace.ModalStack("U0ANA00001").Count;

        values["text_block"]["text"] = "Export fails";
        var accepted = _emu.SubmitViewAsync("U0ANA00001", viewId, values);
        await client.AckAsync(await client.NextEnvelopeAsync());
        await accepted;

        Assert.That(again["error"]!.ToString(), Is.EqualTo("exchanged_trigger_id"));
        var state = submission["payload"]!["view"]!["state"]!["values"]!;
        Assert.That(state["bucket_block"]!["bucket"]!["selected_option"]!["value"]!.ToString(), Is.EqualTo("bug"));
        Assert.That(state["text_block"]!["text"]!["type"]!.ToString(), Is.EqualTo("plain_text_input"));
        Assert.That(rejectedResult.ResponseAction, Is.EqualTo("errors"));
        Assert.That(stillOpen, Is.EqualTo(1));
        Assert.That(_emu.Workspace.ModalStack("U0ANA00001"), Is.Empty);
    }

    [Test]
    public async Task ButtonClickCarriesTheButtonValue()
    {
        var client = await ConnectAsync();
        using var api = new ApiClient(_emu);
        var posted = await api.PostJsonAsync("chat.postMessage", new JsonObject
        {
            ["channel"] = EmulatorIds.SupportChannelId,
            ["text"] = "Take over support?",
            ["blocks"] = new JsonArray(new JsonObject
            {
                ["type"] = "actions", ["block_id"] = "handover",
                ["elements"] = new JsonArray(new JsonObject
                {
                    ["type"] = "button", ["action_id"] = "accept_handover", ["value"] = "rotation-7",
                    ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Accept" },
                }),
            }),
        });
        var ts = posted["ts"]!.ToString();
        var echo = await client.NextEnvelopeAsync(); // Slack sends the bot its own post
        await client.AckAsync(echo);

        var clicking = _emu.ClickButtonAsync("U0DIETER04", EmulatorIds.SupportChannelId, ts, "accept_handover");
        var envelope = await client.NextEnvelopeAsync();
        await client.AckAsync(envelope);
        await clicking;

        Assert.That(echo["payload"]!["event"]!["bot_id"]!.ToString(), Is.EqualTo(_emu.BotId));
        var payload = envelope["payload"]!;
        Assert.That(payload["type"]!.ToString(), Is.EqualTo("block_actions"));
        Assert.That(payload["actions"]![0]!["value"]!.ToString(), Is.EqualTo("rotation-7"));
        Assert.That(payload["actions"]![0]!["block_id"]!.ToString(), Is.EqualTo("handover"));
        Assert.That(payload["container"]!["message_ts"]!.ToString(), Is.EqualTo(ts));
        Assert.That(payload["trigger_id"]!.ToString(), Does.Match(@"^\d+\.\d+\.[0-9a-f]+$"));
        var missing = Assert.ThrowsAsync<EmulatorActionException>(() => _emu.ClickButtonAsync("U0DIETER04", EmulatorIds.SupportChannelId, ts, "nope"));
        Assert.That(missing!.Message, Does.Contain("accept_handover"));
    }

    [Test]
    public async Task NobodyClicksInAnotherPersonsEphemeralMessageOrHomeTab_SinceSlackShowsThemOnlyToThatPerson()
    {
        using var api = new ApiClient(_emu);
        var button = new JsonObject
        {
            ["type"] = "actions", ["block_id"] = "offer",
            ["elements"] = new JsonArray(new JsonObject
            {
                ["type"] = "button", ["action_id"] = "same_issue", ["value"] = "2:1",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Same issue" },
            }),
        };
        var ephemeral = await api.PostJsonAsync("chat.postEphemeral", new JsonObject
        {
            ["channel"] = EmulatorIds.SupportChannelId, ["user"] = "U0ANA00001", ["text"] = "Looks like #1", ["blocks"] = new JsonArray(button.DeepClone()),
        });
        var home = await api.PostJsonAsync("views.publish", new JsonObject
        {
            ["user_id"] = "U0ANA00001",
            ["view"] = new JsonObject { ["type"] = "home", ["blocks"] = new JsonArray(button.DeepClone()) },
        });

        var inMessage = Assert.ThrowsAsync<EmulatorActionException>(() => _emu.ClickButtonAsync("U0BEN00002", EmulatorIds.SupportChannelId, ephemeral["message_ts"]!.ToString(), "same_issue"));
        var inView = Assert.ThrowsAsync<EmulatorActionException>(() => _emu.ClickViewButtonAsync("U0BEN00002", home["view"]!["id"]!.ToString(), "same_issue", "2:1"));

        Assert.That(inMessage!.Message, Does.Contain("ephemeral").And.Contain("U0ANA00001"));
        Assert.That(inView!.Message, Does.Contain("belongs to U0ANA00001"));
        Assert.That(_emu.Deliveries.All, Is.Empty, "nothing reached the app");
    }
}
