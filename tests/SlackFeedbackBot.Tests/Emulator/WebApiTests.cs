using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Workspace;

namespace SlackFeedbackBot.Tests.Emulator;

public sealed class WebApiTests
{
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
    public async Task AuthTestNamesTheBotAndTeam()
    {
        var response = await _api.PostJsonAsync("auth.test", []);

        Assert.That(response["ok"]!.GetValue<bool>(), Is.True);
        Assert.That(response["user_id"]!.ToString(), Is.EqualTo(_emu.BotUserId));
        Assert.That(response["bot_id"]!.ToString(), Is.EqualTo(_emu.BotId));
        Assert.That(response["team_id"]!.ToString(), Is.EqualTo(_emu.TeamId));
        Assert.That(response["url"]!.ToString(), Is.EqualTo(_emu.BaseUrl.ToString()));
        Assert.That(_emu.BaseUrl.ToString(), Does.StartWith("http://127.0.0.1:"));
        Assert.That(_emu.ApiBaseUrl.ToString(), Is.EqualTo(_emu.BaseUrl + "api/"));
    }

    [Test]
    public async Task TokensAreChecked()
    {
        var missing = await _api.PostFormAsync("auth.test", new Dictionary<string, string>());
        var wrong = await _api.PostJsonAsync("auth.test", [], token: "xoxb-not-the-token");
        var appTokenForChat = await _api.PostJsonAsync("chat.postMessage", new JsonObject { ["channel"] = EmulatorIds.GeneralChannelId, ["text"] = "x" }, _emu.AppToken);
        var botTokenForSockets = await _api.PostJsonAsync("apps.connections.open", [], _emu.BotToken);
        var formToken = await _api.PostFormAsync("auth.test", new Dictionary<string, string> { ["token"] = _emu.BotToken });

        Assert.That(missing["error"]!.ToString(), Is.EqualTo("not_authed"));
        Assert.That(wrong["error"]!.ToString(), Is.EqualTo("invalid_auth"));
        Assert.That(appTokenForChat["error"]!.ToString(), Is.EqualTo("not_allowed_token_type"));
        Assert.That(botTokenForSockets["error"]!.ToString(), Is.EqualTo("not_allowed_token_type"));
        Assert.That(formToken["ok"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task AppsConnectionsOpenGivesALoopbackWebSocketUrl()
    {
        var response = await _api.PostJsonAsync("apps.connections.open", [], _emu.AppToken);

        Assert.That(response["url"]!.ToString(), Does.StartWith($"ws://127.0.0.1:{_emu.Port}/socket-mode?ticket="));
    }

    [Test]
    public async Task PostMessageStoresTheMessageWithIncreasingTimestamps()
    {
        var first = await _api.PostJsonAsync("chat.postMessage", new JsonObject { ["channel"] = EmulatorIds.SupportChannelId, ["text"] = "one" });
        var second = await _api.PostJsonAsync("chat.postMessage", new JsonObject
        {
            ["channel"] = EmulatorIds.SupportChannelId,
            ["text"] = "two",
            ["thread_ts"] = first["ts"]!.ToString(),
            ["blocks"] = new JsonArray(new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = "*two*" } }),
        });

        Assert.That(first["ok"]!.GetValue<bool>(), Is.True);
        Assert.That(first["channel"]!.ToString(), Is.EqualTo(EmulatorIds.SupportChannelId));
        Assert.That(first["ts"]!.ToString(), Does.Match(@"^\d{10}\.\d{6}$"));
        Assert.That(string.CompareOrdinal(second["ts"]!.ToString(), first["ts"]!.ToString()), Is.GreaterThan(0));
        Assert.That(second["message"]!["bot_id"]!.ToString(), Is.EqualTo(_emu.BotId));
        var stored = _emu.Workspace.FindMessage(EmulatorIds.SupportChannelId, second["ts"]!.ToString())!;
        Assert.That(stored.Text, Is.EqualTo("two"));
        Assert.That(stored.ThreadTs, Is.EqualTo(first["ts"]!.ToString()));
        Assert.That(stored.Blocks![0]!["text"]!["text"]!.ToString(), Is.EqualTo("*two*"));
    }

    [Test]
    public async Task PostMessageAcceptsFormArgumentsWithBlocksAsJsonText()
    {
        var response = await _api.PostFormAsync("chat.postMessage", new Dictionary<string, string>
        {
            ["channel"] = EmulatorIds.GeneralChannelId,
            ["text"] = "fallback",
            ["blocks"] = """[{"type":"header","text":{"type":"plain_text","text":"Hello"}}]""",
        }, _emu.BotToken);

        Assert.That(response["ok"]!.GetValue<bool>(), Is.True, response.ToJsonString());
        Assert.That(_emu.Workspace.FindMessage(EmulatorIds.GeneralChannelId, response["ts"]!.ToString())!.Blocks![0]!["type"]!.ToString(), Is.EqualTo("header"));
    }

    [Test]
    public async Task PostMessageToAUserIdOpensTheirDirectMessage()
    {
        var posted = await _api.PostJsonAsync("chat.postMessage", new JsonObject { ["channel"] = "U0PRIYA005", ["text"] = "hi Priya" });
        var opened = await _api.PostJsonAsync("conversations.open", new JsonObject { ["users"] = "U0PRIYA005" });

        Assert.That(posted["channel"]!.ToString(), Does.StartWith("D"));
        Assert.That(opened["channel"]!["id"]!.ToString(), Is.EqualTo(posted["channel"]!.ToString()));
        Assert.That(opened["already_open"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task PostMessageRejectsBadInputLikeSlack()
    {
        JsonObject Section(int length) => new() { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = new string('a', length) } };
        var tooMany = new JsonArray(Enumerable.Range(0, 51).Select(_ => (JsonNode)Section(5)).ToArray());
        var longHeader = new JsonArray(new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = new string('h', 151) } });

        var unknownChannel = await _api.PostJsonAsync("chat.postMessage", new JsonObject { ["channel"] = "C0NOPE0000", ["text"] = "x" });
        var noText = await _api.PostJsonAsync("chat.postMessage", new JsonObject { ["channel"] = EmulatorIds.GeneralChannelId });
        var blocks51 = await _api.PostJsonAsync("chat.postMessage", new JsonObject { ["channel"] = EmulatorIds.GeneralChannelId, ["blocks"] = tooMany });
        var section3001 = await _api.PostJsonAsync("chat.postMessage", new JsonObject { ["channel"] = EmulatorIds.GeneralChannelId, ["blocks"] = new JsonArray(Section(3001)) });
        var section3000 = await _api.PostJsonAsync("chat.postMessage", new JsonObject { ["channel"] = EmulatorIds.GeneralChannelId, ["blocks"] = new JsonArray(Section(3000)) });
        var header151 = await _api.PostJsonAsync("chat.postMessage", new JsonObject { ["channel"] = EmulatorIds.GeneralChannelId, ["blocks"] = longHeader });
        var privateWithoutBot = await _api.PostJsonAsync("chat.postMessage", new JsonObject { ["channel"] = EmulatorIds.LeadsChannelId, ["text"] = "x" });

        Assert.That(unknownChannel["error"]!.ToString(), Is.EqualTo("channel_not_found"));
        Assert.That(noText["error"]!.ToString(), Is.EqualTo("no_text"));
        Assert.That(blocks51["error"]!.ToString(), Is.EqualTo("invalid_blocks"));
        Assert.That(section3001["error"]!.ToString(), Is.EqualTo("invalid_blocks"));
        Assert.That(section3000["ok"]!.GetValue<bool>(), Is.True);
        Assert.That(header151["error"]!.ToString(), Is.EqualTo("invalid_blocks"));
        Assert.That(privateWithoutBot["error"]!.ToString(), Is.EqualTo("channel_not_found"));
    }

    [Test]
    public async Task EphemeralUpdateAndPermalink()
    {
        var ephemeral = await _api.PostJsonAsync("chat.postEphemeral", new JsonObject { ["channel"] = EmulatorIds.SupportChannelId, ["user"] = "U0ANA00001", ["text"] = "only you" });
        var posted = await _api.PostJsonAsync("chat.postMessage", new JsonObject { ["channel"] = EmulatorIds.SupportChannelId, ["text"] = "before" });
        var ts = posted["ts"]!.ToString();
        var updated = await _api.PostJsonAsync("chat.update", new JsonObject { ["channel"] = EmulatorIds.SupportChannelId, ["ts"] = ts, ["text"] = "after" });
        var permalink = await _api.GetAsync($"chat.getPermalink?channel={EmulatorIds.SupportChannelId}&message_ts={ts}");

        Assert.That(_emu.Workspace.FindMessage(EmulatorIds.SupportChannelId, ephemeral["message_ts"]!.ToString())!.EphemeralFor, Is.EqualTo("U0ANA00001"));
        Assert.That(updated["text"]!.ToString(), Is.EqualTo("after"));
        Assert.That(_emu.Workspace.FindMessage(EmulatorIds.SupportChannelId, ts)!.Text, Is.EqualTo("after"));
        Assert.That(permalink["permalink"]!.ToString(), Is.EqualTo($"{_emu.BaseUrl}archives/{EmulatorIds.SupportChannelId}/p{ts.Replace(".", "")}"));
    }

    [Test]
    public async Task UsersInfoCarriesTimeZoneAndProfile()
    {
        var response = await _api.GetAsync("users.info?user=U0PRIYA005");

        var user = response["user"]!;
        Assert.That(user["tz"]!.ToString(), Is.EqualTo("Asia/Kolkata"));
        Assert.That(user["tz_offset"]!.GetValue<int>(), Is.EqualTo(19800));
        Assert.That(user["profile"]!["real_name"]!.ToString(), Is.EqualTo("Priya Nair"));
        Assert.That(user["profile"]!["display_name"]!.ToString(), Is.EqualTo("priya"));
        Assert.That((await _api.GetAsync("users.info?user=U0NOBODY00"))["error"]!.ToString(), Is.EqualTo("user_not_found"));
    }

    [Test]
    public async Task UsersListPaginatesWithCursorsHonouringLimit()
    {
        var seen = new List<string>();
        var cursor = "";
        var pages = 0;
        do
        {
            var page = await _api.GetAsync($"users.list?limit=3&cursor={Uri.EscapeDataString(cursor)}");
            var members = page["members"]!.AsArray();
            Assert.That(members, Has.Count.LessThanOrEqualTo(3));
            seen.AddRange(members.Select(m => m!["id"]!.ToString()));
            cursor = page["response_metadata"]!["next_cursor"]!.ToString();
            pages++;
        } while (cursor.Length > 0);

        Assert.That(seen, Is.EquivalentTo(_emu.Workspace.Users.Select(u => u.Id)));
        Assert.That(seen, Is.Unique);
        Assert.That(pages, Is.EqualTo(3)); // six people and the bot
        Assert.That((await _api.GetAsync("users.list?cursor=bm9wZQ%3D%3D"))["error"]!.ToString(), Is.EqualTo("invalid_cursor"));
    }

    [Test]
    public async Task ConversationsInfoAndTopicLimit()
    {
        var info = await _api.GetAsync($"conversations.info?channel={EmulatorIds.CustomerFeedbackChannelId}");
        var tooLong = await _api.PostJsonAsync("conversations.setTopic", new JsonObject { ["channel"] = EmulatorIds.SupportChannelId, ["topic"] = new string('t', 251) });
        var fine = await _api.PostJsonAsync("conversations.setTopic", new JsonObject { ["channel"] = EmulatorIds.SupportChannelId, ["topic"] = "On support: <@U0ANA00001>" });

        Assert.That(info["channel"]!["name"]!.ToString(), Is.EqualTo("customer-feedback"));
        Assert.That(info["channel"]!["is_member"]!.GetValue<bool>(), Is.True);
        Assert.That(tooLong["error"]!.ToString(), Is.EqualTo("too_long"));
        Assert.That(fine["channel"]!["topic"]!["value"]!.ToString(), Is.EqualTo("On support: <@U0ANA00001>"));
        Assert.That(_emu.Workspace.GetChannel(EmulatorIds.SupportChannelId)!.Topic, Is.EqualTo("On support: <@U0ANA00001>"));
    }

    [Test]
    public async Task UserGroupsListAndReplaceMembers()
    {
        var update = await _api.PostFormAsync("usergroups.users.update", new Dictionary<string, string>
        {
            ["usergroup"] = EmulatorIds.SupportNowGroupId,
            ["users"] = "U0BEN00002,U0SAM00006",
        }, _emu.BotToken);
        var list = await _api.GetAsync("usergroups.list?include_users=true");
        var empty = await _api.PostJsonAsync("usergroups.users.update", new JsonObject { ["usergroup"] = EmulatorIds.SupportNowGroupId, ["users"] = new JsonArray() });

        Assert.That(update["ok"]!.GetValue<bool>(), Is.True, update.ToJsonString());
        var group = list["usergroups"]!.AsArray().Single(g => g!["handle"]!.ToString() == "support-now")!;
        Assert.That(group["users"]!.AsArray().Select(u => u!.ToString()), Is.EqualTo(new[] { "U0BEN00002", "U0SAM00006" }));
        Assert.That(empty["ok"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task ReactionsAddRefusesTheSameReactionTwice()
    {
        var posted = await _api.PostJsonAsync("chat.postMessage", new JsonObject { ["channel"] = EmulatorIds.GeneralChannelId, ["text"] = "react" });
        var args = new JsonObject { ["channel"] = EmulatorIds.GeneralChannelId, ["timestamp"] = posted["ts"]!.ToString(), ["name"] = "eyes" };

        var first = await _api.PostJsonAsync("reactions.add", args);
        var second = await _api.PostJsonAsync("reactions.add", (JsonObject)args.DeepClone());

        Assert.That(first["ok"]!.GetValue<bool>(), Is.True);
        Assert.That(second["error"]!.ToString(), Is.EqualTo("already_reacted"));
    }

    [Test]
    public async Task ViewsNeedAKnownTriggerAndHonourHash()
    {
        var view = new JsonObject { ["type"] = "modal", ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Feedback" }, ["blocks"] = new JsonArray() };
        var unknown = await _api.PostJsonAsync("views.open", new JsonObject { ["trigger_id"] = "123.456.abc", ["view"] = view.DeepClone() });
        var trigger = _emu.Triggers.Issue("U0ANA00001");
        var opened = await _api.PostJsonAsync("views.open", new JsonObject { ["trigger_id"] = trigger, ["view"] = view.DeepClone() });
        var reused = await _api.PostJsonAsync("views.open", new JsonObject { ["trigger_id"] = trigger, ["view"] = view.DeepClone() });
        var viewId = opened["view"]!["id"]!.ToString();
        var stale = await _api.PostJsonAsync("views.update", new JsonObject { ["view_id"] = viewId, ["hash"] = "1.stale", ["view"] = view.DeepClone() });
        var current = await _api.PostJsonAsync("views.update", new JsonObject { ["view_id"] = viewId, ["hash"] = opened["view"]!["hash"]!.ToString(), ["view"] = view.DeepClone() });
        var home = await _api.PostJsonAsync("views.publish", new JsonObject { ["user_id"] = "U0ANA00001", ["view"] = new JsonObject { ["type"] = "home", ["blocks"] = new JsonArray() } });

        Assert.That(trigger, Does.Match(@"^\d+\.\d+\.[0-9a-f]+$"));
        Assert.That(unknown["error"]!.ToString(), Is.EqualTo("invalid_trigger_id"));
        Assert.That(viewId, Does.StartWith("V"));
        Assert.That(reused["error"]!.ToString(), Is.EqualTo("exchanged_trigger_id"));
        Assert.That(stale["error"]!.ToString(), Is.EqualTo("hash_conflict"));
        Assert.That(current["ok"]!.GetValue<bool>(), Is.True);
        Assert.That(_emu.Workspace.ModalStack("U0ANA00001").Select(v => v.Id), Is.EqualTo(new[] { viewId }));
        Assert.That(_emu.Workspace.HomeView("U0ANA00001")!.Id, Is.EqualTo(home["view"]!["id"]!.ToString()));
    }

    [Test]
    public async Task ExternalFileUploadSharesIntoTheChannel()
    {
        var bytes = Encoding.UTF8.GetBytes("date,count\n2025-01-01,3\n");
        var url = await _api.PostFormAsync("files.getUploadURLExternal", new Dictionary<string, string> { ["filename"] = "digest.csv", ["length"] = bytes.Length.ToString() }, _emu.BotToken);
        using var http = new HttpClient();
        using var upload = await http.PostAsync(url["upload_url"]!.ToString(), new ByteArrayContent(bytes));
        var complete = await _api.PostJsonAsync("files.completeUploadExternal", new JsonObject
        {
            ["files"] = new JsonArray(new JsonObject { ["id"] = url["file_id"]!.ToString(), ["title"] = "Weekly digest" }),
            ["channel_id"] = EmulatorIds.CustomerFeedbackChannelId,
            ["initial_comment"] = "This week's numbers",
        });

        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(complete["ok"]!.GetValue<bool>(), Is.True, complete.ToJsonString());
        Assert.That(_emu.Workspace.GetFile(url["file_id"]!.ToString())!.Content, Is.EqualTo(bytes));
        var shared = _emu.Workspace.Messages.Single(m => m.Channel == EmulatorIds.CustomerFeedbackChannelId && m.Files is not null);
        Assert.That(shared.Text, Is.EqualTo("This week's numbers"));
        Assert.That(shared.Files![0]!["title"]!.ToString(), Is.EqualTo("Weekly digest"));
    }

    [Test]
    public async Task UnknownMethodAndBrokenJson()
    {
        var unknown = await _api.PostJsonAsync("chat.teleport", []);
        using var http = new HttpClient();
        using var broken = await http.PostAsync(_emu.ApiBaseUrl + "auth.test", new StringContent("{nope", Encoding.UTF8, "application/json"));

        Assert.That(unknown["error"]!.ToString(), Is.EqualTo("unknown_method"));
        Assert.That((await ApiClient.ReadAsync(broken))["error"]!.ToString(), Is.EqualTo("invalid_json"));
    }

    [Test]
    public async Task CallsAreRecordedAndCanBeAwaited()
    {
        var waiting = _emu.WaitForCallAsync("chat.postMessage", c => c.Arg("text") == "second");
        await _api.PostJsonAsync("chat.postMessage", new JsonObject { ["channel"] = EmulatorIds.GeneralChannelId, ["text"] = "first" });
        Assert.That(waiting.IsCompleted, Is.False);
        await _api.PostFormAsync("chat.postMessage", new Dictionary<string, string> { ["channel"] = EmulatorIds.GeneralChannelId, ["text"] = "second" }, _emu.BotToken);

        var call = await waiting;
        var past = await _emu.WaitForCallAsync("chat.postMessage", c => c.Arg("text") == "first");

        Assert.That(call.Token, Is.EqualTo(_emu.BotToken));
        Assert.That(call.Ok, Is.True);
        Assert.That(call.Response["ts"], Is.Not.Null);
        Assert.That(past.Arg("channel"), Is.EqualTo(EmulatorIds.GeneralChannelId));
        var timeout = Assert.ThrowsAsync<TimeoutException>(() => _emu.WaitForCallAsync("views.open", timeout: TimeSpan.FromMilliseconds(200)));
        Assert.That(timeout!.Message, Does.Contain("chat.postMessage"));
    }

    [Test]
    public async Task MinimalWorkspaceHasTheBotOneUserAndGeneral()
    {
        await using var minimal = await SlackEmulator.StartAsync(new EmulatorOptions());

        Assert.That(minimal.Workspace.Users.Select(u => u.Id), Is.EquivalentTo(new[] { EmulatorIds.BotUserId, EmulatorIds.DefaultUserId }));
        Assert.That(minimal.Workspace.Channels.Single().Members, Is.EquivalentTo(new[] { EmulatorIds.BotUserId, EmulatorIds.DefaultUserId }));
        Assert.That(minimal.Port, Is.Not.EqualTo(_emu.Port));
        Assert.That(minimal.BotToken, Is.Not.EqualTo(_emu.BotToken));
    }
}
