using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.BlockKit;

namespace SlackFeedbackBot.Tests.Slack;

/// <summary>Which body each Web API method gets: JSON only where Slack reads JSON, form fields everywhere else.</summary>
public class SlackApiClientBodyEncodingTests
{
    private const string BotToken = "xoxb-1-2-encodingtest";
    private const string AppToken = "xapp-1-A1-2-encodingtest";

    private RecordingHandler _handler = null!;
    private SlackApiClient _client = null!;

    [SetUp]
    public void SetUp()
    {
        _handler = new RecordingHandler();
        var options = Options.Create(new SlackOptions { BotToken = BotToken, AppToken = AppToken, ApiBaseUrl = "https://slack.test/api/" });
        _client = new SlackApiClient(new SingleClientFactory(_handler), options, NullLogger<SlackApiClient>.Instance);
    }

    [TearDown]
    public void TearDown() => _handler.Dispose();

    [Test]
    public async Task Conversations_history_goes_as_form_fields_with_booleans_and_numbers_as_text()
    {
        _handler.Answer("conversations.history", """{"ok":true,"messages":[]}""");

        await _client.CallAsync("conversations.history", new JsonObject { ["channel"] = "C1", ["latest"] = "1.2", ["inclusive"] = true, ["limit"] = 1 });

        var request = _handler.Single("conversations.history");
        Assert.That(request.ContentType, Is.EqualTo("application/x-www-form-urlencoded"));
        Assert.That(request.Form, Is.EquivalentTo(new Dictionary<string, string> { ["channel"] = "C1", ["latest"] = "1.2", ["inclusive"] = "true", ["limit"] = "1" }));
    }

    [TestCase("conversations.replies")]
    [TestCase("conversations.list")]
    [TestCase("conversations.members")]
    [TestCase("users.list")]
    [TestCase("usergroups.users.list")]
    public async Task A_read_method_called_generically_goes_as_form_fields(string method)
    {
        _handler.Answer(method, """{"ok":true}""");

        await _client.CallAsync(method, new JsonObject { ["channel"] = "C1", ["exclude_archived"] = false, ["cursor"] = null });

        var request = _handler.Single(method);
        Assert.That(request.ContentType, Is.EqualTo("application/x-www-form-urlencoded"));
        Assert.That(request.Form, Is.EquivalentTo(new Dictionary<string, string> { ["channel"] = "C1", ["exclude_archived"] = "false" }),
            "a null argument is left out rather than sent empty");
    }

    [Test]
    public async Task An_object_or_array_argument_of_a_form_method_travels_as_JSON_text()
    {
        _handler.Answer("conversations.history", """{"ok":true}""");

        await _client.CallAsync("conversations.history", new JsonObject
        {
            ["channel"] = "C1",
            ["include_all_metadata"] = true,
            ["metadata"] = new JsonObject { ["event_type"] = "x" },
            ["users"] = new JsonArray("U1", "U2"),
        });

        var form = _handler.Single("conversations.history").Form;
        Assert.That(JsonNode.Parse(form["metadata"])!["event_type"]!.GetValue<string>(), Is.EqualTo("x"));
        Assert.That(form["users"], Is.EqualTo("""["U1","U2"]"""));
    }

    [Test]
    public async Task The_read_helpers_send_form_fields()
    {
        _handler.Answer("conversations.info", """{"ok":true,"channel":{"id":"C1","name":"general"}}""");
        _handler.Answer("users.info", """{"ok":true,"user":{"id":"U1","name":"ann"}}""");
        _handler.Answer("users.list", """{"ok":true,"members":[]}""");
        _handler.Answer("usergroups.list", """{"ok":true,"usergroups":[]}""");
        _handler.Answer("chat.getPermalink", """{"ok":true,"permalink":"https://x.slack.com/archives/C1/p1"}""");

        await _client.GetConversationInfoAsync("C1");
        await _client.GetUserInfoAsync("U1");
        await _client.ListUsersAsync();
        await _client.ListUserGroupsAsync(includeUsers: true);
        await _client.GetPermalinkAsync("C1", "1.2");

        Assert.Multiple(() =>
        {
            foreach (var method in new[] { "conversations.info", "users.info", "users.list", "usergroups.list", "chat.getPermalink" })
            {
                Assert.That(_handler.Single(method).ContentType, Is.EqualTo("application/x-www-form-urlencoded"), method);
            }

            Assert.That(_handler.Single("users.list").Form["limit"], Is.EqualTo("200"));
            Assert.That(_handler.Single("usergroups.list").Form["include_users"], Is.EqualTo("true"));
            Assert.That(_handler.Single("chat.getPermalink").Form, Is.EquivalentTo(new Dictionary<string, string> { ["channel"] = "C1", ["message_ts"] = "1.2" }));
        });
    }

    [Test]
    public async Task Message_and_view_methods_send_JSON()
    {
        _handler.Answer("chat.postMessage", """{"ok":true,"channel":"C1","ts":"1.2"}""");
        _handler.Answer("chat.postEphemeral", """{"ok":true,"message_ts":"1.3"}""");
        _handler.Answer("chat.update", """{"ok":true,"channel":"C1","ts":"1.2"}""");
        _handler.Answer("views.open", """{"ok":true,"view":{"id":"V1"}}""");
        _handler.Answer("views.update", """{"ok":true,"view":{"id":"V1"}}""");
        _handler.Answer("views.publish", """{"ok":true,"view":{"id":"V2"}}""");
        var modal = new ModalView { Title = "Feedback", CallbackId = "cb", Blocks = [] };

        await _client.PostMessageAsync("C1", new SlackMessage { Text = "hello" });
        await _client.PostEphemeralAsync("C1", "U1", new SlackMessage { Text = "psst" });
        await _client.UpdateMessageAsync("C1", "1.2", new SlackMessage { Text = "edited" });
        await _client.OpenViewAsync("1.2.abc", modal);
        await _client.UpdateViewAsync("V1", modal);
        await _client.PublishHomeViewAsync("U1", []);

        Assert.Multiple(() =>
        {
            foreach (var method in new[] { "chat.postMessage", "chat.postEphemeral", "chat.update", "views.open", "views.update", "views.publish" })
            {
                Assert.That(_handler.Single(method).ContentType, Is.EqualTo("application/json"), method);
            }

            Assert.That(_handler.Single("chat.postMessage").Json["text"]!.GetValue<string>(), Is.EqualTo("hello"));
            Assert.That(_handler.Single("views.open").Json["view"]!["type"]!.GetValue<string>(), Is.EqualTo("modal"));
        });
    }

    [Test]
    public async Task A_file_upload_reserves_with_form_fields_and_completes_with_JSON()
    {
        _handler.Answer("files.getUploadURLExternal", """{"ok":true,"upload_url":"https://files.slack.test/upload/1","file_id":"F1"}""");
        _handler.Answer("files.completeUploadExternal", """{"ok":true,"files":[{"id":"F1"}]}""");

        await _client.UploadFileAsync(new FileUpload("a.csv", "a,b"u8.ToArray()) { ChannelId = "C1" });

        var reserve = _handler.Single("files.getUploadURLExternal");
        Assert.That(reserve.ContentType, Is.EqualTo("application/x-www-form-urlencoded"));
        Assert.That(reserve.Form, Is.EquivalentTo(new Dictionary<string, string> { ["filename"] = "a.csv", ["length"] = "3" }));
        var complete = _handler.Single("files.completeUploadExternal");
        Assert.That(complete.ContentType, Is.EqualTo("application/json"));
        Assert.That(complete.Json["files"]![0]!["id"]!.GetValue<string>(), Is.EqualTo("F1"));
    }

    [Test]
    public async Task Opening_a_socket_sends_the_app_token_and_a_form_body()
    {
        _handler.Answer("apps.connections.open", """{"ok":true,"url":"wss://wss.slack.test/link"}""");

        await _client.OpenSocketConnectionAsync();

        var request = _handler.Single("apps.connections.open");
        Assert.That(request.ContentType, Is.EqualTo("application/x-www-form-urlencoded"));
        Assert.That(request.Token, Is.EqualTo(AppToken));
    }

    [Test]
    public void Only_methods_Slack_reads_JSON_for_are_in_the_JSON_table()
    {
        // Slack's Web API spec lists these read methods as form-only; a JSON body to them is ignored.
        string[] formOnly = ["conversations.history", "conversations.replies", "conversations.info", "conversations.list", "conversations.members",
            "users.info", "users.list", "usergroups.list", "usergroups.users.list", "chat.getPermalink", "files.getUploadURLExternal"];
        Assert.That(SlackApiClient.JsonBodyMethods.Intersect(formOnly), Is.Empty);
    }

    private sealed record SeenRequest(string Method, string? ContentType, string? Token, string Body)
    {
        public Dictionary<string, string> Form => QueryHelpers.ParseQuery(Body).ToDictionary(p => p.Key, p => p.Value.ToString());

        public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        private readonly ConcurrentDictionary<string, string> _answers = new(StringComparer.Ordinal);
        private readonly ConcurrentQueue<SeenRequest> _seen = new();

        public void Answer(string method, string json) => _answers[method] = json;

        public SeenRequest Single(string method) => _seen.Single(r => r.Method == method);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.Host != "slack.test")
            {
                return new HttpResponseMessage(HttpStatusCode.OK); // the upload URL
            }

            var method = request.RequestUri.AbsolutePath["/api/".Length..];
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            _seen.Enqueue(new SeenRequest(method, request.Content?.Headers.ContentType?.MediaType, request.Headers.Authorization?.Parameter, body));
            var answer = _answers.TryGetValue(method, out var json) ? json : """{"ok":false,"error":"unexpected_call"}""";
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer, Encoding.UTF8, "application/json") };
        }
    }

    private sealed class SingleClientFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}
