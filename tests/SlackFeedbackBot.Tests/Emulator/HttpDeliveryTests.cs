using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Workspace;

namespace SlackFeedbackBot.Tests.Emulator;

public sealed class HttpDeliveryTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_732_390_000);
    private SlackEmulator _emu = null!;
    private AppListener _app = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _app = await AppListener.StartAsync();
        _emu = await SlackEmulator.StartAsync(new EmulatorOptions
        {
            SeedDemoWorkspace = true,
            TimeProvider = new FakeTimeProvider(Now),
            AckTimeout = TimeSpan.FromSeconds(10),
            HttpDeliveryUrl = _app.Url,
        });
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _emu.DisposeAsync();
        await _app.DisposeAsync();
    }

    private static string ExpectedSignature(string secret, string timestamp, byte[] body)
    {
        byte[] baseString = [.. Encoding.UTF8.GetBytes($"v0:{timestamp}:"), .. body];
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), baseString));
    }

    [Test]
    public async Task EventsArriveAsSignedJsonEventCallbacks()
    {
        var result = await _emu.PostUserMessageAsync("U0CIARA003", EmulatorIds.CustomerFeedbackChannelId, "search is broken");
        var request = await _app.NextAsync();

        Assert.That(request.ContentType, Does.StartWith("application/json"));
        Assert.That(request.Headers["X-Slack-Request-Timestamp"], Is.EqualTo("1732390000"));
        Assert.That(request.Headers["X-Slack-Signature"], Is.EqualTo(ExpectedSignature(_emu.SigningSecret, "1732390000", request.Body)));
        var callback = JsonNode.Parse(request.Body)!;
        Assert.That(callback["type"]!.ToString(), Is.EqualTo("event_callback"));
        Assert.That(callback["team_id"]!.ToString(), Is.EqualTo(_emu.TeamId));
        Assert.That(callback["api_app_id"]!.ToString(), Is.EqualTo(_emu.AppId));
        Assert.That(callback["event_time"]!.GetValue<long>(), Is.EqualTo(1_732_390_000));
        Assert.That(callback["authorizations"]![0]!["user_id"]!.ToString(), Is.EqualTo(_emu.BotUserId));
        Assert.That(callback["event"]!["text"]!.ToString(), Is.EqualTo("search is broken"));
        Assert.That(result.MessageDelivery!.Acked, Is.True);
        Assert.That(result.MessageDelivery.HttpStatus, Is.EqualTo(200));
        Assert.That(result.Ts, Does.StartWith("1732390000."));
    }

    [Test]
    public async Task SlashCommandsArriveAsSignedFormsAndPlainTextRepliesAreShown()
    {
        _app.Respond = _ => (200, "text/plain", "Got it");

        var result = await _emu.SendSlashCommandAsync("U0ANA00001", EmulatorIds.SupportChannelId, "/feedback", "needs SSO & SCIM");
        var request = await _app.NextAsync();
        var form = QueryHelpers(Encoding.UTF8.GetString(request.Body));

        Assert.That(request.ContentType, Does.StartWith("application/x-www-form-urlencoded"));
        Assert.That(request.Headers["X-Slack-Signature"], Is.EqualTo(ExpectedSignature(_emu.SigningSecret, request.Headers["X-Slack-Request-Timestamp"], request.Body)));
        Assert.That(form["command"], Is.EqualTo("/feedback"));
        Assert.That(form["text"], Is.EqualTo("needs SSO &amp; SCIM"), "Slack always sends its control characters as entities");
        Assert.That(form["channel_id"], Is.EqualTo(EmulatorIds.SupportChannelId));
        Assert.That(form["team_domain"], Is.EqualTo(EmulatorIds.TeamDomain));
        Assert.That(form["trigger_id"], Does.Match(@"^\d+\.\d+\.[0-9a-f]+$"));
        Assert.That(form["response_url"], Is.EqualTo(result.ResponseUrl));
        Assert.That(result.AckPayload!["text"]!.ToString(), Is.EqualTo("Got it"));
        Assert.That(_emu.Workspace.Messages.Single(m => m.Text == "Got it").EphemeralFor, Is.EqualTo("U0ANA00001"));
    }

    [Test]
    public async Task InteractionsArriveAsASinglePayloadField()
    {
        _app.Respond = _ => (200, "application/json", "");
        var posted = await _emu.PostUserMessageAsync("U0SAM00006", EmulatorIds.GeneralChannelId, "customers keep asking for exports");
        await _app.NextAsync();

        await _emu.SendMessageShortcutAsync("U0SAM00006", EmulatorIds.GeneralChannelId, posted.Ts, "send_to_support");
        var request = await _app.NextAsync();
        var form = QueryHelpers(Encoding.UTF8.GetString(request.Body));
        var payload = JsonNode.Parse(form["payload"])!;

        Assert.That(form.Keys, Is.EqualTo(new[] { "payload" }));
        Assert.That(payload["type"]!.ToString(), Is.EqualTo("message_action"));
        Assert.That(payload["callback_id"]!.ToString(), Is.EqualTo("send_to_support"));
        Assert.That(payload["message"]!["text"]!.ToString(), Is.EqualTo("customers keep asking for exports"));
        Assert.That(payload["message"]!["user"]!.ToString(), Is.EqualTo("U0SAM00006"));
    }

    [Test]
    public async Task FailedEventDeliveriesAreRetriedWithRetryHeaders()
    {
        var calls = 0;
        _app.Respond = _ => Interlocked.Increment(ref calls) <= 2 ? (500, "text/plain", "boom") : (200, "text/plain", "");

        var result = await _emu.SendEventAsync(new JsonObject { ["type"] = "reaction_added", ["reaction"] = "bulb" }, eventId: "Ev0HTTPRETRY");
        var first = await _app.NextAsync();
        var second = await _app.NextAsync();
        var third = await _app.NextAsync();

        Assert.That(result.Acked, Is.True);
        Assert.That(result.Attempts, Is.EqualTo(3));
        Assert.That(first.Headers.ContainsKey("X-Slack-Retry-Num"), Is.False);
        Assert.That(second.Headers["X-Slack-Retry-Num"], Is.EqualTo("1"));
        Assert.That(third.Headers["X-Slack-Retry-Num"], Is.EqualTo("2"));
        Assert.That(third.Headers["X-Slack-Retry-Reason"], Is.EqualTo("http_error"));
        Assert.That(JsonNode.Parse(third.Body)!["event_id"]!.ToString(), Is.EqualTo("Ev0HTTPRETRY"));
    }

    [Test]
    public async Task RawRequestsCanCarryABadSignatureOrTimestamp()
    {
        _app.Respond = request => request.Headers["X-Slack-Signature"] == ExpectedSignature(_emu.SigningSecret, request.Headers["X-Slack-Request-Timestamp"], request.Body)
            ? (200, "text/plain", "")
            : (401, "text/plain", "bad signature");

        var good = await _emu.SendSignedRawAsync("""{"type":"url_verification","challenge":"abc"}""", "application/json");
        var forged = await _emu.SendSignedRawAsync("""{"type":"url_verification","challenge":"abc"}""", "application/json", signatureOverride: "v0=deadbeef");
        var old = await _emu.SendSignedRawAsync("{}", "application/json", timestampOverride: "1531420618");
        var oldRequest = (await _app.NextAsync(), await _app.NextAsync(), await _app.NextAsync()).Item3;

        Assert.That(good.HttpStatus, Is.EqualTo(200));
        Assert.That(forged.HttpStatus, Is.EqualTo(401));
        Assert.That(forged.ResponseBody, Is.EqualTo("bad signature"));
        Assert.That(oldRequest.Headers["X-Slack-Request-Timestamp"], Is.EqualTo("1531420618"));
        Assert.That(old.HttpStatus, Is.EqualTo(200)); // the signature still matches its own (old) timestamp; the app must check the age
    }

    [Test]
    public void SignerMatchesSlacksPublishedExample()
    {
        const string body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

        var signature = SlackFeedbackBot.Emulator.Delivery.RequestSigner.Sign("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", Encoding.UTF8.GetBytes(body));

        Assert.That(signature, Is.EqualTo("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"));
    }

    private static Dictionary<string, string> QueryHelpers(string form) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(form).ToDictionary(p => p.Key, p => p.Value.ToString());

    /// <summary>A stand-in app: a Kestrel listener on a free loopback port that records every request it gets.</summary>
    private sealed class AppListener : IAsyncDisposable
    {
        private readonly Channel<ReceivedRequest> _received = Channel.CreateUnbounded<ReceivedRequest>();
        private WebApplication _web = null!;

        public Uri Url { get; private set; } = null!;
        public Func<ReceivedRequest, (int Status, string ContentType, string Body)> Respond { get; set; } = _ => (200, "text/plain", "");

        public static async Task<AppListener> StartAsync()
        {
            var listener = new AppListener();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            listener._web = builder.Build();
            listener._web.MapPost("/slack/events", async (HttpContext http) =>
            {
                using var buffer = new MemoryStream();
                await http.Request.Body.CopyToAsync(buffer);
                var request = new ReceivedRequest(
                    http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                    http.Request.ContentType ?? "",
                    buffer.ToArray());
                _ = listener._received.Writer.TryWrite(request);
                var (status, contentType, body) = listener.Respond(request);
                http.Response.StatusCode = status;
                http.Response.ContentType = contentType;
                await http.Response.WriteAsync(body);
            });
            await listener._web.StartAsync();
            listener.Url = new Uri($"{listener._web.Urls.First()}/slack/events");
            return listener;
        }

        public async Task<ReceivedRequest> NextAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            return await _received.Reader.ReadAsync(timeout.Token);
        }

        public async ValueTask DisposeAsync()
        {
            await _web.StopAsync();
            await _web.DisposeAsync();
        }
    }

    private sealed record ReceivedRequest(Dictionary<string, string> Headers, string ContentType, byte[] Body);
}
