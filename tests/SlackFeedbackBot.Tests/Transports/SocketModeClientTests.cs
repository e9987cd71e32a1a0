using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Transports.SocketMode;
using static SlackFeedbackBot.Tests.Transports.SlackSamples;

namespace SlackFeedbackBot.Tests.Transports;

public class SocketModeClientTests
{
    private static readonly TimeSpan Stagger = TimeSpan.FromSeconds(10);

    private SocketModeTestServer _server = null!;
    private FakeTimeProvider _clock = null!;
    private RecordingSink _sink = null!;
    private ListLogger<SocketModeClient> _log = null!;
    private SocketModeClient? _client;

    [SetUp]
    public async Task StartServer()
    {
        _server = await SocketModeTestServer.StartAsync();
        _clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 4, 9, 0, 0, TimeSpan.Zero));
        _sink = new RecordingSink();
        _log = new ListLogger<SocketModeClient>();
    }

    [TearDown]
    public async Task StopEverything()
    {
        if (_client is not null)
        {
            await _client.StopAsync(CancellationToken.None);
            _client.Dispose();
        }

        await _server.DisposeAsync();
    }

    [Test]
    public async Task HelloThenEvent_SinkGetsItAndTheAckGoesBackOnTheSameSocket()
    {
        await StartClientAsync(connections: 1);
        var socket = await _server.SocketAsync(1);
        await Eventually.UntilAsync(() => _client!.OpenConnections == 1, "the connection counts as open");

        await socket.SendAsync(Envelope("events_api", EventCallbackJson, envelopeId: "env-event-1", retryAttempt: 1));

        using var ack = JsonDocument.Parse(await socket.NextMessageAsync());
        Assert.That(ack.RootElement.GetProperty("envelope_id").GetString(), Is.EqualTo("env-event-1"));
        Assert.That(ack.RootElement.TryGetProperty("payload", out _), Is.False);
        var request = _sink.Received.Single();
        Assert.That(request.Kind, Is.EqualTo(SlackRequestKind.Event));
        Assert.That(request.DedupeKey, Is.EqualTo("ev:" + SampleEventId));
        Assert.That(request.RetryNum, Is.EqualTo(1));
        Assert.That(request.PayloadJson, Is.EqualTo(EventCallbackJson));
        Assert.That(_client!.LastConnectedAt, Is.EqualTo(_clock.GetUtcNow()));
    }

    [Test]
    public async Task EnvelopeSplitOverFrames_IsReassembled()
    {
        await StartClientAsync(connections: 1);
        var socket = await _server.SocketAsync(1);

        await socket.SendInPiecesAsync(Envelope("events_api", EventCallbackJson, envelopeId: "env-split"), pieceLength: 100);

        using var ack = JsonDocument.Parse(await socket.NextMessageAsync());
        Assert.That(ack.RootElement.GetProperty("envelope_id").GetString(), Is.EqualTo("env-split"));
        Assert.That(_sink.Received.Single().PayloadJson, Is.EqualTo(EventCallbackJson));
    }

    [Test]
    public async Task SlashCommand_AckCarriesTheSinksPayload()
    {
        _sink.Respond = _ => new SlackAck("""{"response_type":"ephemeral","text":"It's 18 degrees in 94070."}""");
        await StartClientAsync(connections: 1);
        var socket = await _server.SocketAsync(1);

        await socket.SendAsync(Envelope("slash_commands", SlashCommandSocketPayload, envelopeId: "env-cmd-1"));

        using var ack = JsonDocument.Parse(await socket.NextMessageAsync());
        Assert.That(ack.RootElement.GetProperty("envelope_id").GetString(), Is.EqualTo("env-cmd-1"));
        Assert.That(ack.RootElement.GetProperty("payload").GetProperty("text").GetString(), Is.EqualTo("It's 18 degrees in 94070."));
        Assert.That(_sink.Received.Single().Kind, Is.EqualTo(SlackRequestKind.SlashCommand));
    }

    [Test]
    public async Task SinkFails_NoAckSoSlackRetries()
    {
        _sink.FailWith = request => request.DedupeKey == "ev:" + SampleEventId ? new InvalidOperationException("database is down") : null;
        await StartClientAsync(connections: 1);
        var socket = await _server.SocketAsync(1);

        await socket.SendAsync(Envelope("events_api", EventCallbackJson, envelopeId: "env-failing"));
        await socket.SendAsync(Envelope("interactive", BlockActions, envelopeId: "env-fine"));

        using var ack = JsonDocument.Parse(await socket.NextMessageAsync());
        Assert.That(ack.RootElement.GetProperty("envelope_id").GetString(), Is.EqualTo("env-fine"));
        Assert.That(socket.TryTakeMessage(out _), Is.False);
    }

    [Test]
    public async Task TwoConnections_AreOpenedOneStaggerApart()
    {
        await StartClientAsync(connections: 2);
        await _server.SocketAsync(1);
        await Eventually.UntilAsync(() => _client!.OpenConnections == 1, "the first connection is open");
        Assert.That(_server.Connects, Is.EqualTo(1), "the second waits for the stagger");

        _clock.Advance(Stagger);

        await _server.SocketAsync(2);
        await Eventually.UntilAsync(() => _client!.OpenConnections == 2, "both connections are open");
    }

    [Test]
    public async Task RefreshRequested_OpensTheReplacementBeforeClosingTheOldSocket()
    {
        await StartClientAsync(connections: 2);
        var first = await _server.SocketAsync(1);
        _clock.Advance(Stagger);
        var second = await _server.SocketAsync(2);
        await Eventually.UntilAsync(() => _client!.OpenConnections == 2, "both connections are open");

        await first.SendAsync("""{"type":"disconnect","reason":"refresh_requested","debug_info":{"host":"wss-111.slack.com"}}""");

        await _server.SocketAsync(3);
        Assert.That(await Eventually.Within(first.Closed, "the old socket closes"), Is.EqualTo(WebSocketCloseStatus.NormalClosure));
        var log = _server.Log.ToList();
        Assert.That(log.IndexOf("closed 1"), Is.GreaterThan(log.IndexOf("hello 3")));
        Assert.That(_server.Connects, Is.EqualTo(3));
        Assert.That(second.Closed.IsCompleted, Is.False);
        await Eventually.UntilAsync(() => _client!.OpenConnections == 2, "two connections are open again");
    }

    [Test]
    public async Task Warning_AlsoReplacesTheConnectionAndKeepsServing()
    {
        await StartClientAsync(connections: 1);
        var first = await _server.SocketAsync(1);

        await first.SendAsync("""{"type":"disconnect","reason":"warning","debug_info":{"host":"wss-111.slack.com"}}""");

        var replacement = await _server.SocketAsync(2);
        await Eventually.Within(first.Closed, "the old socket closes");
        await replacement.SendAsync(Envelope("events_api", EventCallbackJson, envelopeId: "env-after-refresh"));
        using var ack = JsonDocument.Parse(await replacement.NextMessageAsync());
        Assert.That(ack.RootElement.GetProperty("envelope_id").GetString(), Is.EqualTo("env-after-refresh"));
    }

    [Test]
    public async Task LinkDisabled_StopsForGoodWithOneClearError()
    {
        await StartClientAsync(connections: 1);
        var socket = await _server.SocketAsync(1);

        await socket.SendAsync("""{"type":"disconnect","reason":"link_disabled","debug_info":{"host":"wss-111.slack.com"}}""");

        await Eventually.Within(_client!.ExecuteTask!, "the client stops");
        await Eventually.Within(socket.Closed, "the socket closes");
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.That(_server.Connects, Is.EqualTo(1));
        Assert.That(_client.StoppedReason, Does.Contain("link_disabled").And.Contain("Slack:Mode=Http"));
        Assert.That(_client.OpenConnections, Is.Zero);
        var errors = _log.Entries.Where(entry => entry.Level == LogLevel.Error).Select(entry => entry.Message).ToList();
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.Contain("Socket Mode was turned off for this app in Slack (link_disabled)"));
    }

    [Test]
    public async Task ServerDropsTheSocket_ClientReconnectsAfterBackoff()
    {
        await StartClientAsync(connections: 1);
        var first = await _server.SocketAsync(1);
        await Eventually.UntilAsync(() => _client!.OpenConnections == 1, "the connection is open");

        first.Abort();

        await Eventually.UntilAsync(() => _server.Connects == 2, "the client reconnects", betweenLooks: () => _clock.Advance(TimeSpan.FromMilliseconds(250)));
        var second = await _server.SocketAsync(2);
        await Eventually.UntilAsync(() => _client!.OpenConnections == 1, "the new connection is open");
        await second.SendAsync(Envelope("events_api", EventCallbackJson, envelopeId: "env-after-drop"));
        using var ack = JsonDocument.Parse(await second.NextMessageAsync());
        Assert.That(ack.RootElement.GetProperty("envelope_id").GetString(), Is.EqualTo("env-after-drop"));
    }

    [Test]
    public async Task OpenFailsTransiently_ClientRetriesWithBackoff()
    {
        var (api, fake) = FakeSlackApi.Create(call => call == 1
            ? Task.FromException<Uri>(new HttpRequestException("connection refused"))
            : Task.FromResult(_server.Url));
        await StartClientAsync(connections: 1, api);

        await Eventually.UntilAsync(() => fake.OpenCalls == 1, "the first attempt");
        Assert.That(_server.Connects, Is.Zero);

        await Eventually.UntilAsync(() => _server.Connects == 1, "the retry connects", betweenLooks: () => _clock.Advance(TimeSpan.FromMilliseconds(250)));
        await Eventually.UntilAsync(() => _client!.OpenConnections == 1, "the connection is open");
        Assert.That(fake.OpenCalls, Is.EqualTo(2));
        Assert.That(_client!.StoppedReason, Is.Null);
    }

    [Test]
    public async Task AppTokenRefused_StopsWithAStatusNamingTheToken()
    {
        var (api, fake) = FakeSlackApi.Create(_ => Task.FromException<Uri>(new SlackApiException("apps.connections.open", "invalid_auth")));
        await StartClientAsync(connections: 2, api);

        await Eventually.Within(_client!.ExecuteTask!, "the client stops");

        Assert.That(_client.StoppedReason, Does.Contain("invalid_auth").And.Contain("SLACK_APP_TOKEN"));
        Assert.That(fake.OpenCalls, Is.EqualTo(1));
        Assert.That(_server.Connects, Is.Zero);
        Assert.That(_log.Entries.Count(entry => entry.Level == LogLevel.Error), Is.EqualTo(1));
    }

    [Test]
    public async Task Shutdown_ClosesEverySocketCleanly()
    {
        await StartClientAsync(connections: 2);
        var first = await _server.SocketAsync(1);
        _clock.Advance(Stagger);
        var second = await _server.SocketAsync(2);
        await Eventually.UntilAsync(() => _client!.OpenConnections == 2, "both connections are open");

        await _client!.StopAsync(CancellationToken.None);

        Assert.That(await Eventually.Within(first.Closed, "socket 1 closes"), Is.EqualTo(WebSocketCloseStatus.NormalClosure));
        Assert.That(await Eventually.Within(second.Closed, "socket 2 closes"), Is.EqualTo(WebSocketCloseStatus.NormalClosure));
        Assert.That(_client.OpenConnections, Is.Zero);
    }

    [Test]
    public async Task HttpMode_TheClientStaysIdle()
    {
        var (api, fake) = FakeSlackApi.Create(_ => Task.FromResult(_server.Url));
        await StartClientAsync(connections: 2, api, SlackMode.Http);

        await Eventually.Within(_client!.ExecuteTask!, "the idle client finishes");

        Assert.That(_client.IsEnabled, Is.False);
        Assert.That(fake.OpenCalls, Is.Zero);
    }

    private async Task StartClientAsync(int connections, ISlackApiClient? api = null, SlackMode mode = SlackMode.Socket)
    {
        api ??= FakeSlackApi.Create(_ => Task.FromResult(_server.Url)).Api;
        var slack = new SlackOptions
        {
            Mode = mode,
            AppToken = "xapp-1-A123456-1-test",
            BotToken = "xoxb-test",
            SocketConnections = connections,
            SocketConnectionStagger = Stagger,
        };
        var timings = new SocketModeOptions
        {
            HelloTimeout = TimeSpan.FromDays(1),
            CloseTimeout = TimeSpan.FromDays(1),
        };
        _client = new SocketModeClient(Options.Create(slack), Options.Create(timings), api, _sink, _clock, _log);
        await _client.StartAsync(CancellationToken.None);
    }
}
