using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Workspace;
using static SlackFeedbackBot.Tests.Emulator.BlockKitPayloads;

namespace SlackFeedbackBot.Tests.Emulator;

/// <summary>Bad Block Kit is answered over the wire as Slack answers it, and kept in the emulator's Errors.</summary>
public sealed class BlockKitRefusalTests
{
    private const string Ana = "U0ANA00001";
    private static readonly JsonObject StringHeader = new() { ["type"] = "header", ["text"] = "Weekly digest" };

    private SlackEmulator _emu = null!;
    private ApiClient _api = null!;
    private SocketModeTestClient? _app;

    [SetUp]
    public async Task StartAsync()
    {
        _emu = await SlackEmulator.StartAsync(new EmulatorOptions { SeedDemoWorkspace = true });
        _api = new ApiClient(_emu);
    }

    [TearDown]
    public async Task StopAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _app = null;
        _api.Dispose();
        await _emu.DisposeAsync();
    }

    [Test]
    public async Task ChatMethodsAnswerInvalidBlocksWithSlacksReasons()
    {
        var posted = await _api.PostJsonAsync("chat.postMessage", new JsonObject { ["channel"] = EmulatorIds.GeneralChannelId, ["text"] = "ok", ["blocks"] = Blocks(Section("fine")) });
        var args = new JsonObject { ["channel"] = EmulatorIds.GeneralChannelId, ["text"] = "digest", ["blocks"] = Blocks(StringHeader.DeepClone()) };

        var post = await _api.PostJsonAsync("chat.postMessage", args.DeepClone().AsObject());
        var ephemeral = await _api.PostJsonAsync("chat.postEphemeral", With(args, "user", Ana));
        var update = await _api.PostJsonAsync("chat.update", With(args, "ts", posted["ts"]!.ToString()));
        var formEncoded = await _api.PostFormAsync("chat.postMessage", new Dictionary<string, string>
        {
            ["channel"] = EmulatorIds.GeneralChannelId, ["text"] = "digest", ["blocks"] = Blocks(StringHeader.DeepClone()).ToJsonString(),
        }, _emu.BotToken);

        foreach (var response in new[] { post, ephemeral, update, formEncoded })
        {
            Assert.That(response["ok"]!.GetValue<bool>(), Is.False);
            Assert.That(response["error"]!.ToString(), Is.EqualTo("invalid_blocks"));
            Assert.That(response["errors"]!.AsArray().Select(e => e!.ToString()), Is.EqualTo(new[] { "must provide an object [json-pointer:/blocks/0/text]" }));
            Assert.That(response["response_metadata"]!["messages"]!.AsArray().Select(e => e!.ToString()), Is.EqualTo(new[] { "[ERROR] must provide an object [json-pointer:/blocks/0/text]" }));
        }
        Assert.That(_emu.Workspace.Messages.Count(m => m.Text == "digest"), Is.Zero);
        Assert.That(_emu.Workspace.FindMessage(EmulatorIds.GeneralChannelId, posted["ts"]!.ToString())!.Text, Is.EqualTo("ok"));
        Assert.That(_emu.Errors.All.Select(e => (e.Source, e.Error)), Is.EqualTo(new[]
        {
            ("chat.postMessage", "invalid_blocks"), ("chat.postEphemeral", "invalid_blocks"), ("chat.update", "invalid_blocks"), ("chat.postMessage", "invalid_blocks"),
        }));
    }

    [Test]
    public async Task ViewMethodsAnswerInvalidArgumentsWithSlacksReasons()
    {
        var badModal = Modal(Blocks(Input("text_block", TextInput())), submit: null);

        var open = await _api.PostJsonAsync("views.open", new JsonObject { ["trigger_id"] = _emu.Triggers.Issue(Ana), ["view"] = badModal.DeepClone() });
        var opened = await _api.PostJsonAsync("views.open", new JsonObject { ["trigger_id"] = _emu.Triggers.Issue(Ana), ["view"] = Modal(Blocks(Section("first"))) });
        var viewId = opened["view"]!["id"]!.ToString();
        var update = await _api.PostJsonAsync("views.update", new JsonObject { ["view_id"] = viewId, ["view"] = badModal.DeepClone() });
        var push = await _api.PostJsonAsync("views.push", new JsonObject { ["trigger_id"] = _emu.Triggers.Issue(Ana), ["view"] = badModal.DeepClone() });
        var publish = await _api.PostJsonAsync("views.publish", new JsonObject { ["user_id"] = Ana, ["view"] = Home(Blocks(StringHeader.DeepClone())) });

        Assert.That(opened["ok"]!.GetValue<bool>(), Is.True, opened.ToJsonString());
        foreach (var (response, reason) in new[]
        {
            (open, "must define `submit` to use an `input` block in modals [json-pointer:/view/blocks/0/input]"),
            (update, "must define `submit` to use an `input` block in modals [json-pointer:/view/blocks/0/input]"),
            (push, "must define `submit` to use an `input` block in modals [json-pointer:/view/blocks/0/input]"),
            (publish, "must provide an object [json-pointer:/view/blocks/0/text]"),
        })
        {
            Assert.That(response["error"]!.ToString(), Is.EqualTo("invalid_arguments"));
            Assert.That(response["response_metadata"]!["messages"]!.AsArray().Select(e => e!.ToString()),
                Is.EqualTo(new[] { "[ERROR] failed to match all allowed schemas [json-pointer:/view]", $"[ERROR] {reason}" }));
        }
        Assert.That(_emu.Workspace.ModalStack(Ana).Single().View["blocks"]![0]!["text"]!["text"]!.ToString(), Is.EqualTo("first"));
        Assert.That(_emu.Workspace.HomeView(Ana), Is.Null);
        Assert.That(_emu.Errors.All.Select(e => e.Source), Is.EqualTo(new[] { "views.open", "views.update", "views.push", "views.publish" }));
    }

    [Test]
    public async Task AResponseUrlPostWithBadBlocksIsRefusedAndRecorded()
    {
        _app = await SocketModeTestClient.ConnectAsync(_emu);
        var delivery = _emu.SendSlashCommandAsync(Ana, EmulatorIds.GeneralChannelId, "/feedback", "list");
        await _app.AckAsync(await _app.NextEnvelopeAsync());
        var responseUrl = (await delivery).ResponseUrl!;
        using var http = new HttpClient();

        using var refused = await http.PostAsync(responseUrl, Json(new JsonObject { ["text"] = "digest", ["blocks"] = Blocks(StringHeader.DeepClone()) }));
        var refusedBody = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        using var accepted = await http.PostAsync(responseUrl, Json(new JsonObject { ["text"] = "fine", ["blocks"] = Blocks(Section("fine")) }));

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(refusedBody["error"]!.ToString(), Is.EqualTo("invalid_blocks"));
        Assert.That(refusedBody["response_metadata"]!["messages"]![0]!.ToString(), Is.EqualTo("[ERROR] must provide an object [json-pointer:/blocks/0/text]"));
        Assert.That(accepted.IsSuccessStatusCode, Is.True);
        Assert.That(_emu.ResponseUrlPosts.All.Select(p => (p.Text, p.Error)), Is.EqualTo(new (string?, string?)[] { ("digest", "invalid_blocks"), ("fine", null) }));
        Assert.That(_emu.Workspace.Messages.Select(m => m.Text), Does.Not.Contain("digest").And.Contain("fine"));
        Assert.That(_emu.Errors.All.Single().Source, Is.EqualTo("response_url"));
    }

    [Test]
    public async Task ASlashCommandAckWithBadBlocksIsNotShownAndIsRecorded()
    {
        _app = await SocketModeTestClient.ConnectAsync(_emu);
        var delivery = _emu.SendSlashCommandAsync(Ana, EmulatorIds.GeneralChannelId, "/feedback", "list");
        await _app.AckAsync(await _app.NextEnvelopeAsync(), new JsonObject { ["text"] = "digest", ["blocks"] = Blocks(StringHeader.DeepClone()) });
        await delivery;

        Assert.That(_emu.Workspace.Messages.Select(m => m.Text), Does.Not.Contain("digest"));
        Assert.That(_emu.Errors.All.Single().Reasons, Is.EqualTo(new[] { "must provide an object [json-pointer:/blocks/0/text]" }));
    }

    [Test]
    public async Task AnInvalidSubmissionAckKeepsTheModalOpenWithSlacksConnectionError()
    {
        _app = await SocketModeTestClient.ConnectAsync(_emu);
        var viewId = await OpenFeedbackModalAsync();

        var result = await SubmitAsync(viewId, new JsonObject { ["response_action"] = "errors", ["errors"] = new JsonObject { ["no_such_block"] = "Please describe it" } });

        Assert.That(result.AckError, Is.EqualTo(SlackEmulator.SubmissionAckRefused));
        Assert.That(_emu.Workspace.ModalStack(Ana).Single().Id, Is.EqualTo(viewId));
        var error = _emu.Errors.All.Single();
        Assert.That(error.Source, Is.EqualTo("view_submission ack"));
        Assert.That(error.Reasons, Is.EqualTo(new[] { "no input block with block_id \"no_such_block\" in the view [json-pointer:/errors/no_such_block]" }));
    }

    [Test]
    public async Task TheWebPageIsToldOfARefusedSubmissionAck()
    {
        _app = await SocketModeTestClient.ConnectAsync(_emu);
        var viewId = await OpenFeedbackModalAsync();
        using var http = new HttpClient { BaseAddress = _emu.BaseUrl };

        var submitting = http.PostAsync("/ui/api/view-submit", Json(new JsonObject
        {
            ["userId"] = Ana, ["viewId"] = viewId, ["values"] = new JsonObject { ["text_block"] = new JsonObject { ["text"] = "Export fails" } },
        }));
        await _app.AckAsync(await _app.NextEnvelopeAsync(), new JsonObject { ["response_action"] = "errors", ["errors"] = new JsonObject { ["elsewhere"] = "x" } });
        using var answered = await submitting;
        var result = JsonNode.Parse(await answered.Content.ReadAsStringAsync())!;

        Assert.That(answered.IsSuccessStatusCode, Is.True);
        Assert.That(result["ackError"]!.ToString(), Is.EqualTo(SlackEmulator.SubmissionAckRefused));
        Assert.That(_emu.Workspace.ModalStack(Ana).Single().Id, Is.EqualTo(viewId));
    }

    [Test]
    public async Task AnUpdateAckWithAnInvalidModalLeavesTheModalAsItWas()
    {
        _app = await SocketModeTestClient.ConnectAsync(_emu);
        var viewId = await OpenFeedbackModalAsync();

        var result = await SubmitAsync(viewId, new JsonObject { ["response_action"] = "update", ["view"] = new JsonObject { ["type"] = "modal", ["title"] = "Thanks", ["blocks"] = Blocks(Section("Saved")) } });

        Assert.That(result.AckError, Is.Not.Null);
        Assert.That(_emu.Workspace.GetView(viewId)!.View["blocks"]![0]!["type"]!.ToString(), Is.EqualTo("input"));
        Assert.That(_emu.Errors.All.Single().Reasons, Is.EqualTo(new[] { "must provide an object [json-pointer:/view/title]" }));
    }

    [Test]
    public async Task ValidSubmissionAcksAreApplied()
    {
        _app = await SocketModeTestClient.ConnectAsync(_emu);
        var viewId = await OpenFeedbackModalAsync();

        var errors = await SubmitAsync(viewId, new JsonObject { ["response_action"] = "errors", ["errors"] = new JsonObject { ["text_block"] = "Please describe it" } });
        var updated = await SubmitAsync(viewId, new JsonObject { ["response_action"] = "update", ["view"] = Modal(Blocks(Section("Saved"), Input("text_block", TextInput()))) });
        var pushed = await SubmitAsync(viewId, new JsonObject { ["response_action"] = "push", ["view"] = Modal(Blocks(Section("Step two")), submit: null) });
        var stackAfterPush = _emu.Workspace.ModalStack(Ana).Count;
        var cleared = await SubmitAsync(viewId, new JsonObject { ["response_action"] = "clear" });

        Assert.That(new[] { errors, updated, pushed, cleared }.Select(r => r.AckError), Is.All.Null);
        Assert.That(stackAfterPush, Is.EqualTo(2));
        Assert.That(_emu.Workspace.ModalStack(Ana), Is.Empty);
        Assert.That(_emu.Errors.All, Is.Empty);
    }

    private async Task<string> OpenFeedbackModalAsync()
    {
        var opened = await _api.PostJsonAsync("views.open", new JsonObject { ["trigger_id"] = _emu.Triggers.Issue(Ana), ["view"] = Modal(Blocks(Input("text_block", TextInput()))) });
        Assert.That(opened["ok"]!.GetValue<bool>(), Is.True, opened.ToJsonString());
        return opened["view"]!["id"]!.ToString();
    }

    private async Task<SlackFeedbackBot.Emulator.Delivery.DeliveryResult> SubmitAsync(string viewId, JsonObject ack)
    {
        var submitting = _emu.SubmitViewAsync(Ana, viewId, new Dictionary<string, Dictionary<string, string>> { ["text_block"] = new() { ["text"] = "Export fails" } });
        await _app!.AckAsync(await _app.NextEnvelopeAsync(), ack);
        return await submitting;
    }

    private static JsonObject With(JsonObject args, string key, string value)
    {
        var copy = args.DeepClone().AsObject();
        copy[key] = value;
        return copy;
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
