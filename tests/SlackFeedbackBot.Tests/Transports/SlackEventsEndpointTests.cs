using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Transports;
using SlackFeedbackBot.Slack.Transports.Http;
using SlackFeedbackBot.Slack.Verification;
using SlackFeedbackBot.Tests.Support;
using static SlackFeedbackBot.Tests.Transports.SlackSamples;

namespace SlackFeedbackBot.Tests.Transports;

public class SlackEventsEndpointTests
{
    private const string GoodSignature = "v0=accepted-by-the-fake";

    [Test]
    public async Task ValidEvent_Answers200AndReachesTheSink()
    {
        await using var host = await EndpointHost.StartAsync(new FakeVerifier());

        using var response = await host.PostAsync(EventCallbackJson, "application/json", retryNum: 2);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
        var request = host.Sink.Received.Single();
        Assert.That(request.Kind, Is.EqualTo(SlackRequestKind.Event));
        Assert.That(request.PayloadJson, Is.EqualTo(EventCallbackJson));
        Assert.That(request.DedupeKey, Is.EqualTo("ev:" + SampleEventId));
        Assert.That(request.RetryNum, Is.EqualTo(2));
    }

    [Test]
    public async Task Verifier_SeesTheExactBodyAndHeaders()
    {
        var verifier = new FakeVerifier();
        await using var host = await EndpointHost.StartAsync(verifier);

        using var response = await host.PostAsync(SlashCommandForm, "application/x-www-form-urlencoded");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(verifier.LastBody, Is.EqualTo(Utf8(SlashCommandForm)));
        Assert.That(verifier.LastTimestamp, Is.EqualTo("1531420618"));
        Assert.That(verifier.LastSignature, Is.EqualTo(GoodSignature));
    }

    [Test]
    public async Task BadSignature_Answers401AndTheSinkGetsNothing()
    {
        await using var host = await EndpointHost.StartAsync(new FakeVerifier());

        using var response = await host.PostAsync(EventCallbackJson, "application/json", signature: "v0=forged");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("signature"));
        Assert.That(host.Sink.Received, Is.Empty);
    }

    [Test]
    public async Task ThousandForgeries_LogOneLineAtOnce_AndOneSummaryWithTheCountAfterTheInterval()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var log = new ListLogger();
        await using var host = await EndpointHost.StartAsync(new FakeVerifier(), time, log);

        for (var i = 0; i < 1000; i++)
        {
            using var response = await host.PostAsync(EventCallbackJson, "application/json", signature: $"v0=forged{i}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        var refusals = () => log.Lines.Where(l => l.Contains("Slack signature", StringComparison.Ordinal)).ToList();
        Assert.That(refusals(), Has.Count.EqualTo(1));
        Assert.That(refusals()[0], Does.StartWith("Warning: Refused a request to the Slack endpoint from 127.0.0.1"));

        time.Advance(RejectedSignatureLog.DefaultInterval);

        Assert.That(refusals(), Has.Count.EqualTo(2));
        Assert.That(refusals()[1], Does.Contain("Refused 999 more request(s)").And.Contain("from 127.0.0.1"));
        time.Advance(RejectedSignatureLog.DefaultInterval);
        Assert.That(refusals(), Has.Count.EqualTo(2), "a quiet interval adds nothing");

        using (await host.PostAsync(EventCallbackJson, "application/json", signature: "v0=forged-later"))
        {
        }

        Assert.That(refusals(), Has.Count.EqualTo(3), "after a quiet interval the next refusal is a line of its own");
    }

    [Test]
    public void RejectedSignatureLog_NamesTheFirstFewAddresses_AndCountsTheRest()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var log = new ListLogger();
        using var rejections = new RejectedSignatureLog(time, log);

        rejections.Record("192.0.2.1");
        foreach (var n in Enumerable.Range(1, 8))
        {
            rejections.Record($"198.51.100.{n}");
            rejections.Record($"198.51.100.{n}");
        }

        time.Advance(RejectedSignatureLog.DefaultInterval);

        Assert.That(log.Lines.Last(), Is.EqualTo(
            "Warning: Refused 16 more request(s) to the Slack endpoint in the last 1 min for a missing or invalid Slack signature, " +
            "from 198.51.100.1, 198.51.100.2, 198.51.100.3, 198.51.100.4, 198.51.100.5 and 3 other(s)"));
    }

    [Test]
    public async Task MissingSignature_Answers401()
    {
        await using var host = await EndpointHost.StartAsync(new FakeVerifier());

        using var response = await host.PostAsync(EventCallbackJson, "application/json", signature: null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(host.Sink.Received, Is.Empty);
    }

    [Test]
    public async Task UrlVerification_AnswersTheChallenge()
    {
        await using var host = await EndpointHost.StartAsync(new FakeVerifier());

        using var response = await host.PostAsync(UrlVerification, "application/json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));
        Assert.That(host.Sink.Received, Is.Empty);
    }

    [Test]
    public async Task SslCheck_Answers200Empty()
    {
        await using var host = await EndpointHost.StartAsync(new FakeVerifier());

        using var response = await host.PostAsync(SslCheckForm, "application/x-www-form-urlencoded");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
        Assert.That(host.Sink.Received, Is.Empty);
    }

    [Test]
    public async Task SlashCommand_AnswersWithTheSinksAckPayload()
    {
        await using var host = await EndpointHost.StartAsync(new FakeVerifier());
        host.Sink.Respond = _ => new SlackAck("""{"response_type":"ephemeral","text":"Thanks, noted in Onboarding."}""");

        using var response = await host.PostAsync(SlashCommandForm, "application/x-www-form-urlencoded");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("text").GetString(), Is.EqualTo("Thanks, noted in Onboarding."));
        Assert.That(host.Sink.Received.Single().Kind, Is.EqualTo(SlackRequestKind.SlashCommand));
    }

    [Test]
    public async Task Interaction_ReachesTheSinkWithItsKind()
    {
        await using var host = await EndpointHost.StartAsync(new FakeVerifier());

        using var response = await host.PostAsync(InteractionForm(ViewSubmission), "application/x-www-form-urlencoded");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(host.Sink.Received.Single().Kind, Is.EqualTo(SlackRequestKind.ViewSubmission));
    }

    [Test]
    public async Task SinkThrows_Answers500WithoutAStackTrace()
    {
        await using var host = await EndpointHost.StartAsync(new FakeVerifier());
        host.Sink.FailWith = _ => new InvalidOperationException("database is locked at Storage.InboxWriter.FlushAsync()");

        using var response = await host.PostAsync(EventCallbackJson, "application/json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(body, Does.Not.Contain("database is locked"));
        Assert.That(body, Does.Not.Contain(" at "));
        Assert.That(body, Does.Not.Contain("Exception"));
    }

    [Test]
    public async Task OversizedBody_Answers413()
    {
        await using var host = await EndpointHost.StartAsync(new FakeVerifier());
        var huge = OversizedEvent();

        using var response = await host.PostAsync(huge, "application/json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(host.Sink.Received, Is.Empty);
    }

    [Test]
    public async Task OversizedChunkedBody_Answers413()
    {
        await using var host = await EndpointHost.StartAsync(new FakeVerifier());
        var huge = OversizedEvent();
        using var content = new StreamContent(new MemoryStream(Utf8(huge)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await host.PostAsync(content, GoodSignature, chunked: true);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(host.Sink.Received, Is.Empty);
    }

    [Test]
    public async Task SignedButUnintelligibleBody_Answers400WithNoRetry()
    {
        await using var host = await EndpointHost.StartAsync(new FakeVerifier());

        using var response = await host.PostAsync("team_id=T1&user_id=U1", "application/x-www-form-urlencoded");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Headers.GetValues("X-Slack-No-Retry"), Is.EqualTo(new[] { "1" }));
        Assert.That(host.Sink.Received, Is.Empty);
    }

    [Test]
    public async Task OfficialSignedSlashCommand_PassesARealHmacCheck()
    {
        const string body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        const string signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1531420618));
        await using var host = await EndpointHost.StartAsync(new HmacVerifier("8f742231b10e8888abcd99yyyzzz85a5", clock));

        using var genuine = await host.PostAsync(body, "application/x-www-form-urlencoded", signature: signature);
        using var tampered = await host.PostAsync(body + "------", "application/x-www-form-urlencoded", signature: signature);

        Assert.That(genuine.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(tampered.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var request = host.Sink.Received.Single();
        Assert.That(request.Kind, Is.EqualTo(SlackRequestKind.SlashCommand));
        Assert.That(request.DedupeKey, Is.EqualTo("cmd:398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"));
    }

    private static string OversizedEvent() =>
        "{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"padding\":\"" + new string('x', SlackEventsEndpoint.MaxBodyBytes) + "\"}";

    /// <summary>Accepts exactly one signature value and remembers what it was shown.</summary>
    private sealed class FakeVerifier : ISlackRequestVerifier
    {
        public byte[]? LastBody { get; private set; }

        public string? LastTimestamp { get; private set; }

        public string? LastSignature { get; private set; }

        public bool IsValid(ReadOnlySpan<byte> rawBody, string? timestampHeader, string? signatureHeader)
        {
            LastBody = rawBody.ToArray();
            LastTimestamp = timestampHeader;
            LastSignature = signatureHeader;
            return signatureHeader == GoodSignature;
        }
    }

    /// <summary>Slack's v0 signing, written out from the documented algorithm, for a test against the official vector.</summary>
    private sealed class HmacVerifier(string secret, TimeProvider clock) : ISlackRequestVerifier
    {
        public bool IsValid(ReadOnlySpan<byte> rawBody, string? timestampHeader, string? signatureHeader)
        {
            if (timestampHeader is null || signatureHeader is null || !long.TryParse(timestampHeader, out var ts)
                || Math.Abs(clock.GetUtcNow().ToUnixTimeSeconds() - ts) > 300)
            {
                return false;
            }

            var baseString = Encoding.UTF8.GetBytes($"v0:{timestampHeader}:").Concat(rawBody.ToArray()).ToArray();
            var expected = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), baseString));
            return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signatureHeader));
        }
    }

    /// <summary>A real Kestrel host on a loopback port with only the Slack endpoint mapped.</summary>
    private sealed class EndpointHost : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HttpClient _client;

        private EndpointHost(WebApplication app, HttpClient client, RecordingSink sink)
        {
            _app = app;
            _client = client;
            Sink = sink;
        }

        public RecordingSink Sink { get; }

        public static async Task<EndpointHost> StartAsync(ISlackRequestVerifier verifier, TimeProvider? time = null, ILogger? log = null)
        {
            var sink = new RecordingSink();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            builder.Logging.ClearProviders();
            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }

            if (log is not null)
            {
                builder.Services.AddSingleton<ILoggerFactory>(new SingleLoggerFactory(log));
            }

            builder.Services.AddSingleton<ISlackInboundSink>(sink);
            builder.Services.AddSingleton(verifier);
            builder.Services.AddSlackHttpEndpoint();
            var app = builder.Build();
            app.MapSlackEvents();
            await app.StartAsync();
            var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(app.Urls.Single()) };
            return new EndpointHost(app, client, sink);
        }

        public Task<HttpResponseMessage> PostAsync(string body, string contentType, string? signature = GoodSignature, int? retryNum = null)
        {
            var content = new ByteArrayContent(Utf8(body));
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            return PostAsync(content, signature, chunked: false, retryNum);
        }

        public async Task<HttpResponseMessage> PostAsync(HttpContent content, string? signature, bool chunked, int? retryNum = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = content };
            request.Headers.Add("X-Slack-Request-Timestamp", "1531420618");
            if (signature is not null)
            {
                request.Headers.Add("X-Slack-Signature", signature);
            }

            if (retryNum is not null)
            {
                request.Headers.Add("X-Slack-Retry-Num", retryNum.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
            }

            request.Headers.TransferEncodingChunked = chunked;
            return await _client.SendAsync(request);
        }

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
