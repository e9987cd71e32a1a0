using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Tests.Emulator;

/// <summary>The emulator reads a JSON body only for the methods Slack reads one for, and keeps Slack's 3 s trigger_id lifetime.</summary>
public sealed class WebApiBodyEncodingTests
{
    private FakeTimeProvider _time = null!;
    private SlackEmulator _emu = null!;
    private ApiClient _api = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        _emu = await SlackEmulator.StartAsync(new EmulatorOptions { SeedDemoWorkspace = true, TimeProvider = _time });
        _api = new ApiClient(_emu);
    }

    [TearDown]
    public async Task StopAsync()
    {
        _api.Dispose();
        await _emu.DisposeAsync();
    }

    [Test]
    public async Task Conversations_history_ignores_a_JSON_body_as_Slack_does()
    {
        var posted = await _api.PostJsonAsync("chat.postMessage", new JsonObject { ["channel"] = EmulatorIds.GeneralChannelId, ["text"] = "hello" });

        var json = await _api.PostJsonAsync("conversations.history", new JsonObject { ["channel"] = EmulatorIds.GeneralChannelId, ["limit"] = 1 });
        var form = await _api.PostFormAsync("conversations.history", new Dictionary<string, string> { ["channel"] = EmulatorIds.GeneralChannelId, ["limit"] = "1" }, _emu.BotToken);

        Assert.That(posted["ok"]!.GetValue<bool>(), Is.True, "chat.postMessage reads JSON");
        Assert.That(json["ok"]!.GetValue<bool>(), Is.False);
        Assert.That(json["error"]!.GetValue<string>(), Is.EqualTo("channel_not_found"), "the channel in the ignored body never arrived");
        Assert.That(form["ok"]!.GetValue<bool>(), Is.True);
        Assert.That(form["messages"]![0]!["ts"]!.GetValue<string>(), Is.EqualTo(posted["ts"]!.GetValue<string>()));
        Assert.That(_emu.Calls.All.Select(c => c.HttpStatus), Is.All.EqualTo(200));
    }

    [Test]
    public async Task The_bots_client_reads_history_and_replies_from_the_emulator()
    {
        var parent = await _api.PostJsonAsync("chat.postMessage", new JsonObject { ["channel"] = EmulatorIds.GeneralChannelId, ["text"] = "parent" });
        var reply = await _api.PostJsonAsync("chat.postMessage", new JsonObject { ["channel"] = EmulatorIds.GeneralChannelId, ["text"] = "reply", ["thread_ts"] = parent["ts"]!.DeepClone() });
        using var http = new HttpClient();
        var client = new SlackApiClient(
            new OneClientFactory(http),
            Options.Create(new SlackOptions { BotToken = _emu.BotToken, ApiBaseUrl = _emu.ApiBaseUrl.ToString() }),
            NullLogger<SlackApiClient>.Instance);

        var history = await client.CallAsync("conversations.history", new JsonObject { ["channel"] = EmulatorIds.GeneralChannelId, ["latest"] = parent["ts"]!.DeepClone(), ["inclusive"] = true, ["limit"] = 1 });
        var replies = await client.CallAsync("conversations.replies", new JsonObject { ["channel"] = EmulatorIds.GeneralChannelId, ["ts"] = reply["ts"]!.DeepClone(), ["inclusive"] = true });

        Assert.That(history["messages"]![0]!["text"]!.GetValue<string>(), Is.EqualTo("parent"));
        Assert.That(replies["messages"]!.AsArray().Select(m => m!["text"]!.GetValue<string>()), Does.Contain("reply"));
    }

    [TestCase("users.info", "user", "U0ANA00001", "user_not_found")]
    [TestCase("conversations.info", "channel", EmulatorIds.GeneralChannelId, "channel_not_found")]
    [TestCase("conversations.replies", "channel", EmulatorIds.GeneralChannelId, "channel_not_found")]
    public async Task Other_read_methods_ignore_a_JSON_body_too(string method, string argument, string value, string error)
    {
        var json = await _api.PostJsonAsync(method, new JsonObject { [argument] = value, ["ts"] = "1.1" });

        Assert.That(json["error"]?.GetValue<string>(), Is.EqualTo(error));
    }

    [Test]
    public async Task A_trigger_id_works_for_three_seconds_and_then_expires()
    {
        var view = new JsonObject { ["type"] = "modal", ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Feedback" }, ["blocks"] = new JsonArray() };
        var fresh = _emu.Triggers.Issue("U0ANA00001");
        var stale = _emu.Triggers.Issue("U0ANA00001");

        _time.Advance(TimeSpan.FromSeconds(2.9));
        var inTime = await _api.PostJsonAsync("views.open", new JsonObject { ["trigger_id"] = fresh, ["view"] = view.DeepClone() });
        _time.Advance(TimeSpan.FromSeconds(0.2));
        var late = await _api.PostJsonAsync("views.open", new JsonObject { ["trigger_id"] = stale, ["view"] = view.DeepClone() });

        Assert.That(inTime["ok"]!.GetValue<bool>(), Is.True);
        Assert.That(late["error"]?.GetValue<string>(), Is.EqualTo("expired_trigger_id"));
    }

    private sealed class OneClientFactory(HttpClient client) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => client;
    }
}
