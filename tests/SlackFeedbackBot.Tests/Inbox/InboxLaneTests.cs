using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Inbox;

/// <summary>
/// The real bot on the emulator with every event worker held up by a slow event handler: the requests a person waits on
/// still get their answers in the ack, because they have a lane and workers of their own.
/// </summary>
public sealed class InboxLaneTests
{
    private const string SlowEvent = "pin_added";

    /// <summary>Holds every handler that enters until the test opens it.</summary>
    public sealed class Gate
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _waiting;

        public int Waiting => Volatile.Read(ref _waiting);

        public async Task PassAsync(CancellationToken ct)
        {
            Interlocked.Increment(ref _waiting);
            await _open.Task.WaitAsync(ct);
        }

        public void Open() => _open.TrySetResult();
    }

    private sealed class SlowEventHandler(Gate gate) : IEventHandler
    {
        public Task HandleAsync(EventCallback callback, CancellationToken ct) => gate.PassAsync(ct);
    }

    private Gate _gate = null!;
    private BotTestHost _host = null!;

    [SetUp]
    public async Task SetUp()
    {
        _gate = new Gate();
        var gate = _gate;
        _host = await BotTestHost.StartAsync(new BotTestHostOptions
        {
            SeedDemoWorkspace = false,
            ConfigureServices = services => services.AddSingleton(gate),
            Handlers = slack => slack.AddEventHandler<SlowEventHandler>(SlowEvent),
        });
    }

    [TearDown]
    public async Task TearDown()
    {
        _gate.Open();
        await _host.DisposeAsync();
    }

    [Test]
    public async Task SlashCommand_BehindABacklogOfStuckEvents_GetsItsReplyInTheAck()
    {
        const int backlog = 40;
        for (var i = 0; i < backlog; i++)
        {
            var delivery = await _host.Slack.SendEventAsync(Pin(i), $"EvSLOW{i:D4}");
            Assert.That(delivery.Acked, Is.True, "events are acked at once, whatever waits behind them");
        }

        await Eventually.ThatAsync(() => _gate.Waiting >= 8, "every event worker is held up by the slow handler");

        var help = await _host.Slack.SendSlashCommandAsync("U0DEFAULT1", "C0GENERAL1", "/feedback", "help");
        var support = await _host.Slack.SendSlashCommandAsync("U0DEFAULT1", "C0GENERAL1", "/support", "help");

        Assert.That(help.Acked, Is.True, help.Error);
        Assert.That(help.AckPayload?["text"]?.GetValue<string>(), Does.Contain("/feedback"), "the /feedback help is in the ack");
        Assert.That(support.AckPayload?["text"]?.GetValue<string>(), Does.Contain("/support"), "the /support help is in the ack");
        Assert.That(_gate.Waiting, Is.LessThan(backlog), "the events are still waiting");

        _gate.Open();
        await Eventually.ThatAsync(() => _gate.Waiting == backlog, "the event backlog is handled once the handler moves on");
    }

    private static JsonObject Pin(int n) => new()
    {
        ["type"] = SlowEvent,
        ["user"] = "U0DEFAULT1",
        ["channel_id"] = "C0GENERAL1",
        ["item"] = new JsonObject { ["type"] = "message", ["channel"] = "C0GENERAL1" },
        ["event_ts"] = $"1700000000.{n:D6}",
    };
}
