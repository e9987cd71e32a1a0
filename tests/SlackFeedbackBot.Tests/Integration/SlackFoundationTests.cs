using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Dapper;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Integration;

/// <summary>The real host against the emulator, over both transports: replies, dedupe, retries, socket refresh.</summary>
[TestFixture(SlackMode.Socket)]
[TestFixture(SlackMode.Http)]
public sealed class SlackFoundationTests(SlackMode mode)
{
    public sealed class Received
    {
        public ConcurrentQueue<string> EventIds { get; } = new();
    }

    private sealed class PingCommand : ISlashCommandHandler
    {
        public Task<SlackMessage?> HandleAsync(SlashCommand command, CancellationToken ct) =>
            Task.FromResult<SlackMessage?>(SlackMessage.Ephemeral($"pong: {command.Text} from <@{command.UserId}>"));
    }

    private sealed class ReactionCounter(Received received) : IEventHandler
    {
        public Task HandleAsync(EventCallback callback, CancellationToken ct)
        {
            received.EventIds.Enqueue(callback.EventId ?? "");
            return Task.CompletedTask;
        }
    }

    private Received _received = null!;
    private BotTestHost _host = null!;

    [SetUp]
    public async Task SetUp()
    {
        _received = new Received();
        var received = _received;
        _host = await BotTestHost.StartAsync(new BotTestHostOptions
        {
            Mode = mode,
            SeedDemoWorkspace = false,
            ConfigureServices = services => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, received),
            Handlers = slack => slack
                .AddSlashCommand<PingCommand>("/ping")
                .AddEventHandler<ReactionCounter>("reaction_added"),
        });
    }

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    private static JsonObject Reaction(string ts = "1700000000.000100") => new()
    {
        ["type"] = "reaction_added",
        ["user"] = "U0DEFAULT1",
        ["reaction"] = "bulb",
        ["item"] = new JsonObject { ["type"] = "message", ["channel"] = "C0GENERAL1", ["ts"] = ts },
        ["event_ts"] = ts,
    };

    [Test]
    public async Task SlashCommand_GetsItsReplyInTheAck()
    {
        var result = await _host.Slack.SendSlashCommandAsync("U0DEFAULT1", "C0GENERAL1", "/ping", "hello");

        Assert.That(result.Acked, Is.True, result.Error);
        Assert.That(result.AckPayload?["text"]?.GetValue<string>(), Is.EqualTo("pong: hello from <@U0DEFAULT1>"));
    }

    [Test]
    public async Task UnknownSlashCommand_GetsAFriendlyAnswer()
    {
        var result = await _host.Slack.SendSlashCommandAsync("U0DEFAULT1", "C0GENERAL1", "/nothing-here", "x");

        Assert.That(result.AckPayload?["text"]?.GetValue<string>(), Does.Contain("don't know the command /nothing-here"));
    }

    [Test]
    public async Task Event_DeliveredTwiceThenRetried_ReachesItsHandlerOnce()
    {
        var eventId = "EvTWICE0001";
        var first = await _host.Slack.SendEventAsync(Reaction(), eventId);
        var second = await _host.Slack.SendEventAsync(Reaction(), eventId);
        var retry = await _host.Slack.SendEventAsync(Reaction(), eventId, retryNum: 1);
        await _host.Slack.SendEventAsync(Reaction("1700000000.000200"), "EvOTHER0002");

        Assert.That(new[] { first.Acked, second.Acked, retry.Acked }, Is.All.True);
        await Eventually.ThatAsync(() => _received.EventIds.Contains("EvOTHER0002"), "the later event is handled");
        await Eventually.ThatAsync(() => InboxHandledCount() == 2, "both distinct events are marked handled");
        Assert.That(_received.EventIds.Count(id => id == eventId), Is.EqualTo(1));
    }

    [Test]
    public async Task Events_AcrossASocketRefresh_AreAllHandledOnce()
    {
        const int count = 60;
        var sends = new List<Task>();
        for (var i = 0; i < count; i++)
        {
            sends.Add(_host.Slack.SendEventAsync(Reaction($"1700000000.{i:D6}"), $"EvREFRESH{i:D4}"));
            if (i == count / 2 && mode == SlackMode.Socket)
            {
                sends.Add(_host.Slack.SendDisconnectAsync("refresh_requested", socketIndex: 0));
            }
        }

        await Task.WhenAll(sends);

        await Eventually.ThatAsync(() => _received.EventIds.Distinct().Count() == count, $"all {count} events are handled");
        Assert.That(_received.EventIds, Has.Count.EqualTo(count), "no event is handled twice");
        if (mode == SlackMode.Socket)
        {
            await _host.Slack.WaitForSocketsAsync(2, TimeSpan.FromSeconds(30));
        }
    }

    [Test]
    public async Task Health_IsHealthyWhileSlackAnswers()
    {
        if (mode == SlackMode.Socket)
        {
            // Health is rightly unhealthy until the first connection is open; on a loaded machine that can follow the start.
            await _host.Slack.WaitForSocketsAsync(1, TimeSpan.FromSeconds(30));
        }

        using var http = new HttpClient { BaseAddress = _host.BaseAddress };

        var response = await http.GetAsync("/healthz");
        var body = await response.Content.ReadAsStringAsync();

        Assert.That((int)response.StatusCode, Is.EqualTo(200), body);
        Assert.That(body, Does.Contain("\"slack\"").And.Contain("\"inbox\""));
    }

    private long InboxHandledCount()
    {
        using var connection = _host.Database.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM slack_inbox WHERE status = 1 AND kind = 'Event'");
    }

    private long InboxRowCount()
    {
        using var connection = _host.Database.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM slack_inbox");
    }
}
