using System.Text.Json.Nodes;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Workspace;

namespace SlackFeedbackBot.Tests.Emulator;

/// <summary>Message metadata as Slack keeps it: stored with the message, read back only when asked for, malformed refused.</summary>
public sealed class MessageMetadataTests
{
    private const string Channel = EmulatorIds.GeneralChannelId;

    private SlackEmulator _emu = null!;
    private ApiClient _api = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _emu = await SlackEmulator.StartAsync(new EmulatorOptions { SeedDemoWorkspace = true });
        _api = new ApiClient(_emu);
    }

    [TearDown]
    public async Task StopAsync()
    {
        _api.Dispose();
        await _emu.DisposeAsync();
    }

    [Test]
    public async Task Metadata_IsReturnedByHistoryAndReplies_OnlyWithIncludeAllMetadata()
    {
        var parent = await PostAsync(new JsonObject { ["channel"] = Channel, ["text"] = "parent", ["metadata"] = Metadata("task_created", "k1") });
        var reply = await PostAsync(new JsonObject { ["channel"] = Channel, ["text"] = "reply", ["thread_ts"] = parent, ["metadata"] = Metadata("task_created", "k2") });

        var plain = await _api.PostFormAsync("conversations.history", new Dictionary<string, string> { ["channel"] = Channel }, _emu.BotToken);
        var withMetadata = await _api.PostFormAsync("conversations.history", new Dictionary<string, string> { ["channel"] = Channel, ["include_all_metadata"] = "true" }, _emu.BotToken);
        var replies = await _api.PostFormAsync("conversations.replies", new Dictionary<string, string> { ["channel"] = Channel, ["ts"] = parent, ["include_all_metadata"] = "true" }, _emu.BotToken);

        Assert.That(Message(plain, parent)["metadata"], Is.Null, "hidden unless asked for");
        Assert.That(Message(withMetadata, parent)["metadata"]?["event_payload"]?["key"]?.ToString(), Is.EqualTo("k1"));
        Assert.That(Message(withMetadata, parent)["metadata"]?["event_type"]?.ToString(), Is.EqualTo("task_created"));
        Assert.That(Message(replies, reply)["metadata"]?["event_payload"]?["key"]?.ToString(), Is.EqualTo("k2"));
    }

    [Test]
    public async Task History_Oldest_LeavesOutOlderMessages()
    {
        var first = await PostAsync(new JsonObject { ["channel"] = Channel, ["text"] = "first" });
        var second = await PostAsync(new JsonObject { ["channel"] = Channel, ["text"] = "second" });

        var page = await _api.PostFormAsync("conversations.history", new Dictionary<string, string> { ["channel"] = Channel, ["oldest"] = first }, _emu.BotToken);

        var listed = page["messages"]!.AsArray().Select(m => m!["ts"]!.ToString()).ToList();
        Assert.That(listed, Does.Contain(second));
        Assert.That(listed, Does.Not.Contain(first), "oldest is exclusive");
    }

    [TestCase("\"not an object\"", "invalid_metadata_format")]
    [TestCase("{\"event_payload\":{\"key\":\"k\"}}", "invalid_metadata_schema")]
    [TestCase("{\"event_type\":\"has spaces\",\"event_payload\":{}}", "invalid_metadata_schema")]
    [TestCase("{\"event_type\":\"ok_type\",\"event_payload\":\"text\"}", "invalid_metadata_schema")]
    public async Task MalformedMetadata_IsRefusedAsSlackRefusesIt(string metadata, string error)
    {
        var response = await _api.PostJsonAsync("chat.postMessage", new JsonObject { ["channel"] = Channel, ["text"] = "x", ["metadata"] = JsonNode.Parse(metadata) });

        Assert.That(response["ok"]!.GetValue<bool>(), Is.False);
        Assert.That(response["error"]!.ToString(), Is.EqualTo(error));
        Assert.That(_emu.Workspace.Messages.Where(m => m.Channel == Channel && m.Text == "x"), Is.Empty, "nothing is posted");
    }

    [Test]
    public async Task MetadataAsAJsonString_IsReadLikeAnObject()
    {
        var ts = await PostAsync(new JsonObject { ["channel"] = Channel, ["text"] = "x", ["metadata"] = Metadata("task_created", "k3").ToJsonString() });

        Assert.That(_emu.Workspace.FindMessage(Channel, ts)?.Metadata?["event_payload"]?["key"]?.ToString(), Is.EqualTo("k3"));
    }

    private async Task<string> PostAsync(JsonObject args)
    {
        var response = await _api.PostJsonAsync("chat.postMessage", args);
        Assert.That(response["ok"]!.GetValue<bool>(), Is.True, response.ToJsonString());
        return response["ts"]!.ToString();
    }

    private static JsonObject Metadata(string type, string key) => new() { ["event_type"] = type, ["event_payload"] = new JsonObject { ["key"] = key } };

    private static JsonNode Message(JsonObject page, string ts) =>
        page["messages"]!.AsArray().Single(m => m!["ts"]!.ToString() == ts)!;
}
