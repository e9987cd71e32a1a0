using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Workspace;

namespace SlackFeedbackBot.Tests.Browser;

/// <summary>What the emulator serves the web page: the page itself, workspace state per person, the bot DM, files.</summary>
public sealed class EmulatorPageApiTests
{
    private const string Ana = "U0ANA00001";

    private SlackEmulator _slack = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task SetUp()
    {
        _slack = await SlackEmulator.StartAsync(new EmulatorOptions { Port = 0, SeedDemoWorkspace = true, AckTimeout = TimeSpan.FromMilliseconds(300) }); // no app connects
        _http = new HttpClient { BaseAddress = _slack.BaseUrl };
    }

    [TearDown]
    public async Task TearDown()
    {
        _http.Dispose();
        await _slack.DisposeAsync();
    }

    [Test]
    public async Task Root_ServesThePageAndItsScriptAndStyles()
    {
        var page = await _http.GetStringAsync("/");
        var script = await _http.GetAsync("/app.js");
        var styles = await _http.GetAsync("/app.css");

        Assert.That(page, Does.Contain("Local Slack emulator — not Slack").And.Contain("/app.js"));
        Assert.That(script.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/javascript").Or.EqualTo("application/javascript"));
        Assert.That(styles.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/css"));
    }

    [Test]
    public async Task State_GivesChannelMembersAndMarksEphemeralMessagesWithTheirReader()
    {
        _slack.Workspace.AddMessage(new StoredMessage(EmulatorIds.SupportChannelId, "1700000000.000100", EmulatorIds.BotUserId, EmulatorIds.BotId, "just for Ana")
        {
            EphemeralFor = Ana,
        });

        var state = await _http.GetFromJsonAsync<JsonObject>("/ui/api/state");

        var leads = state!["channels"]!.AsArray().Single(c => c!["id"]!.ToString() == EmulatorIds.LeadsChannelId)!;
        Assert.That(leads["members"]!.AsArray().Select(m => m!.ToString()), Is.EquivalentTo(new[] { Ana, "U0DIETER04" }));
        var ephemeral = state["messages"]!.AsArray().Single(m => m!["text"]!.ToString() == "just for Ana")!;
        Assert.That(ephemeral["ephemeral_for"]!.ToString(), Is.EqualTo(Ana));
        Assert.That(state["users"]!.AsArray().Any(u => u!["real_name"]!.ToString() == "Ana Ortiz"), Is.True);
    }

    [Test]
    public async Task Dm_OpensTheBotsDirectMessageOnce()
    {
        var first = await PostAsync("/ui/api/dm", new JsonObject { ["userId"] = Ana });
        var second = await PostAsync("/ui/api/dm", new JsonObject { ["userId"] = Ana });

        var channelId = first!["channelId"]!.ToString();
        Assert.That(second!["channelId"]!.ToString(), Is.EqualTo(channelId));
        var dm = _slack.Workspace.GetChannel(channelId)!;
        Assert.That(dm.ImUserId, Is.EqualTo(Ana));
        Assert.That(dm.Members, Does.Contain(EmulatorIds.BotUserId));
    }

    [Test]
    public async Task Dm_ForSomeoneWhoIsNotAPerson_AnswersWhy()
    {
        using var response = await _http.PostAsJsonAsync("/ui/api/dm", new JsonObject { ["userId"] = EmulatorIds.BotUserId });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.ToString(), Does.StartWith("No person with id U0EMUB0T01"));
    }

    [Test]
    public async Task Files_AreServedWithTheTypeTheirNameSuggests()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        _slack.Workspace.SaveFile(new StoredFile("F0CHART001", "trend.png", png.Length) { Content = png, Completed = true });

        using var response = await _http.GetAsync("/files/F0CHART001");

        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(png));
    }

    [Test]
    public async Task Action_WithASelectedValue_SendsBlockActionsWithTheChosenOption()
    {
        var message = _slack.Workspace.AddMessage(new StoredMessage(EmulatorIds.GeneralChannelId, "1700000000.000200", EmulatorIds.BotUserId, EmulatorIds.BotId, "Saved")
        {
            Blocks = JsonNode.Parse("""
                [{"type":"actions","block_id":"bucket_row","elements":[{"type":"static_select","action_id":"set_bucket",
                  "options":[{"text":{"type":"plain_text","text":"Performance"},"value":"performance"},
                             {"text":{"type":"plain_text","text":"User experience"},"value":"user_experience"}]}]}]
                """)!.AsArray(),
        });

        await PostAsync("/ui/api/action", new JsonObject
        {
            ["userId"] = Ana, ["channelId"] = message.Channel, ["messageTs"] = message.Ts, ["actionId"] = "set_bucket", ["selectedValue"] = "performance",
        });

        var payload = _slack.Deliveries.All.Single().Payload;
        Assert.That(payload["type"]!.ToString(), Is.EqualTo("block_actions"));
        var action = payload["actions"]![0]!;
        Assert.That(action["type"]!.ToString(), Is.EqualTo("static_select"));
        Assert.That(action["block_id"]!.ToString(), Is.EqualTo("bucket_row"));
        Assert.That(action["selected_option"]!["value"]!.ToString(), Is.EqualTo("performance"));
        Assert.That(payload["container"]!["message_ts"]!.ToString(), Is.EqualTo(message.Ts));
    }

    [Test]
    public async Task Action_WithAnOptionTheSelectLacks_AnswersWhichOptionsExist()
    {
        var message = _slack.Workspace.AddMessage(new StoredMessage(EmulatorIds.GeneralChannelId, "1700000000.000300", EmulatorIds.BotUserId, EmulatorIds.BotId, "Saved")
        {
            Blocks = JsonNode.Parse("""
                [{"type":"actions","elements":[{"type":"static_select","action_id":"set_bucket",
                  "options":[{"text":{"type":"plain_text","text":"Performance"},"value":"performance"}]}]}]
                """)!.AsArray(),
        });

        using var response = await _http.PostAsJsonAsync("/ui/api/action", new JsonObject
        {
            ["userId"] = Ana, ["channelId"] = message.Channel, ["messageTs"] = message.Ts, ["actionId"] = "set_bucket", ["selectedValue"] = "pricing",
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.ToString();
        Assert.That(answer, Is.EqualTo("The select 'set_bucket' has no option 'pricing'. Options: performance."));
        Assert.That(_slack.Deliveries.All, Is.Empty);
    }

    private async Task<JsonObject?> PostAsync(string path, JsonObject body)
    {
        using var response = await _http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, text);
        return JsonNode.Parse(text) as JsonObject;
    }
}
