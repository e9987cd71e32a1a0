using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.BlockKit;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Dispatch;

public sealed class SlackDispatcherTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private sealed class Seen
    {
        public ConcurrentQueue<string> Calls { get; } = new();
    }

    private sealed class EchoCommand(Seen seen) : ISlashCommandHandler
    {
        public Task<SlackMessage?> HandleAsync(SlashCommand command, CancellationToken ct)
        {
            seen.Calls.Enqueue("echo:" + command.Text);
            return Task.FromResult<SlackMessage?>(SlackMessage.Ephemeral("you said " + command.Text));
        }
    }

    private sealed class SlowCommand(Seen seen) : ISlashCommandHandler
    {
        public async Task<SlackMessage?> HandleAsync(SlashCommand command, CancellationToken ct)
        {
            await ReleaseFor(command.Text).Task.WaitAsync(ct);
            seen.Calls.Enqueue("slow");
            return SlackMessage.Ephemeral("late reply");
        }

        public static readonly ConcurrentDictionary<string, TaskCompletionSource> Gates = new();

        public static TaskCompletionSource ReleaseFor(string key) => Gates.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    private sealed class MessageHandler(Seen seen) : IEventHandler
    {
        public Task HandleAsync(EventCallback callback, CancellationToken ct)
        {
            seen.Calls.Enqueue("message:" + callback.Event.Text);
            return Task.CompletedTask;
        }
    }

    private sealed class ApproveAction(Seen seen) : IBlockActionHandler
    {
        public Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken ct)
        {
            seen.Calls.Enqueue($"approve:{action.Value}:{payload.User.Id}");
            return Task.CompletedTask;
        }
    }

    private sealed class CaptureShortcut(Seen seen) : IMessageShortcutHandler
    {
        public Task HandleAsync(ShortcutPayload shortcut, CancellationToken ct)
        {
            seen.Calls.Enqueue("capture:" + shortcut.Message?.Text);
            return Task.CompletedTask;
        }
    }

    private sealed class ValidateModal(Seen seen) : IViewSubmissionHandler
    {
        public Task<ViewSubmissionResponse?> HandleAsync(ViewSubmissionPayload submission, CancellationToken ct)
        {
            var text = submission.View.State?.Values["text_block"]["text"].Value;
            seen.Calls.Enqueue("modal:" + text);
            return Task.FromResult(string.IsNullOrWhiteSpace(text)
                ? ViewSubmissionResponse.WithErrors(new Dictionary<string, string> { ["text_block"] = "Please write something." })
                : text == "show the saved page"
                    ? ViewSubmissionResponse.Update(new ModalBuilder("Saved").Close("Done").Section("Thanks, saved as #1.").Build())
                    : null);
        }
    }

    private FakeSlackApi _api = null!;
    private Seen _seen = null!;
    private ServiceProvider _services = null!;
    private SlackDispatcher _dispatcher = null!;
    private ListLogger _log = null!;

    [SetUp]
    public void SetUp()
    {
        _api = new FakeSlackApi();
        _seen = new Seen();
        _log = new ListLogger();
        var services = new ServiceCollection();
        services.AddSingleton(_seen);
        services.AddSingleton<ISlackApiClient>(_api);
        services.AddSingleton<ILoggerFactory>(new SingleLoggerFactory(_log));
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddOptions<SlackOptions>();
        services.AddSlackDispatcher()
            .AddSlashCommand<EchoCommand>("/echo")
            .AddSlashCommand<SlowCommand>("/slow")
            .AddEventHandler<MessageHandler>("message")
            .AddBlockAction<ApproveAction>("approve")
            .AddMessageShortcut<CaptureShortcut>("capture_feedback")
            .AddViewSubmission<ValidateModal>("feedback_modal");
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        _dispatcher = _services.GetRequiredService<SlackDispatcher>();
    }

    [TearDown]
    public void TearDown() => _services.Dispose();

    private static SlackInboundRequest Request(SlackRequestKind kind, object payload) =>
        new(kind, SlackJson.Serialize(payload), Guid.NewGuid().ToString(), 0, Now);

    private static object Command(string command, string text, string team = "T1") =>
        new SlashCommand { Command = command, Text = text, UserId = "U1", ChannelId = "C1", TeamId = team, ResponseUrl = "https://hooks.example/r/1", TriggerId = "1.2.abc" };

    private static object MessageEvent(string text, string? user = "U1", string? botId = null) => new
    {
        type = "event_callback",
        team_id = "T1",
        event_id = "Ev" + Guid.NewGuid().ToString("N")[..8],
        @event = new { type = "message", user, bot_id = botId, channel = "C1", text, ts = "1700000000.000100" },
    };

    [Test]
    public async Task SlashCommand_ReplyReadyInTime_GoesIntoTheAck()
    {
        var slot = new AckSlot();

        await _dispatcher.DispatchAsync(Request(SlackRequestKind.SlashCommand, Command("/echo", "hi")), slot, CancellationToken.None);
        var ack = await slot.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System, CancellationToken.None);

        Assert.That(ack, Does.Contain("you said hi"));
        Assert.That(_api.Responses, Is.Empty);
    }

    [Test]
    public async Task SlashCommand_ReplyAfterTheAck_GoesToTheResponseUrl()
    {
        var slot = new AckSlot();
        var dispatch = _dispatcher.DispatchAsync(Request(SlackRequestKind.SlashCommand, Command("/slow", "late-1")), slot, CancellationToken.None);

        var ack = await slot.WaitAsync(TimeSpan.FromMilliseconds(50), TimeProvider.System, CancellationToken.None);
        SlowCommand.ReleaseFor("late-1").SetResult();
        await dispatch.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(ack, Is.Null);
        Assert.That(_api.Responses.Single().Url, Is.EqualTo("https://hooks.example/r/1"));
        Assert.That(_api.Responses.Single().Message.Text, Is.EqualTo("late reply"));
    }

    [Test]
    public async Task SlashCommand_Unknown_AnswersPolitelyAndLogsAHint()
    {
        var slot = new AckSlot();

        await _dispatcher.DispatchAsync(Request(SlackRequestKind.SlashCommand, Command("/nope", "")), slot, CancellationToken.None);

        Assert.That(await slot.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System, CancellationToken.None), Does.Contain("don't know the command /nope"));
        Assert.That(_log.Messages, Has.Some.Contains("AddSlashCommand<T>(\"/nope\")"));
    }

    [Test]
    public async Task SlashCommand_FromAnotherWorkspace_IsRefusedWithoutRunningTheHandler()
    {
        var slot = new AckSlot();

        await _dispatcher.DispatchAsync(Request(SlackRequestKind.SlashCommand, Command("/echo", "hi", team: "T_OTHER")), slot, CancellationToken.None);

        Assert.That(await slot.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System, CancellationToken.None), Does.Contain("another workspace"));
        Assert.That(_seen.Calls, Is.Empty);
    }

    [Test]
    public async Task Event_RoutedByType_AndTheBotsOwnMessagesAreIgnored()
    {
        await _dispatcher.DispatchAsync(Request(SlackRequestKind.Event, MessageEvent("from a person")), null, CancellationToken.None);
        await _dispatcher.DispatchAsync(Request(SlackRequestKind.Event, MessageEvent("from the bot user", user: "UBOT")), null, CancellationToken.None);
        await _dispatcher.DispatchAsync(Request(SlackRequestKind.Event, MessageEvent("from the bot id", user: null, botId: "BBOT")), null, CancellationToken.None);

        Assert.That(_seen.Calls, Is.EqualTo(new[] { "message:from a person" }));
        Assert.That(_api.AuthTestCalls, Is.EqualTo(1), "auth.test is asked once and remembered");
    }

    [Test]
    public async Task Event_WithNoHandler_LogsOneHint()
    {
        var reaction = new { type = "event_callback", team_id = "T1", @event = new { type = "reaction_added", user = "U1", reaction = "bulb" } };

        await _dispatcher.DispatchAsync(Request(SlackRequestKind.Event, reaction), null, CancellationToken.None);
        await _dispatcher.DispatchAsync(Request(SlackRequestKind.Event, reaction), null, CancellationToken.None);

        Assert.That(_log.Messages.Count(m => m.Contains("No handler for the event 'reaction_added'", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public void TriageEvent_HandledMessage_GetsItsMessageKey_UnhandledTypeIsNotWanted()
    {
        var message = SlackJson.Serialize(MessageEvent("hello"));
        var edit = SlackJson.Serialize(new { type = "event_callback", @event = new { type = "message", subtype = "message_changed", channel = "C1", ts = "2.0" } });
        var reaction = SlackJson.Serialize(new { type = "event_callback", @event = new { type = "reaction_added", user = "U1" } });

        Assert.That(_dispatcher.TriageEvent(message), Is.EqualTo(new EventTriage(true, "message:C1:1700000000.000100")));
        Assert.That(_dispatcher.TriageEvent(edit), Is.EqualTo(new EventTriage(true, null)), "edits are not new messages");
        Assert.That(_dispatcher.TriageEvent(reaction), Is.EqualTo(new EventTriage(false, null)));
    }

    [Test]
    public async Task BlockAction_RoutedByActionId()
    {
        var payload = new
        {
            type = "block_actions",
            user = new { id = "U7", team_id = "T1" },
            team = new { id = "T1" },
            actions = new[] { new { action_id = "approve", value = "42" }, new { action_id = "unknown", value = "x" } },
        };

        await _dispatcher.DispatchAsync(Request(SlackRequestKind.BlockActions, payload), null, CancellationToken.None);

        Assert.That(_seen.Calls, Is.EqualTo(new[] { "approve:42:U7" }));
    }

    [Test]
    public async Task MessageShortcut_RoutedByCallbackId()
    {
        var payload = new
        {
            type = "message_action",
            callback_id = "capture_feedback",
            user = new { id = "U1", team_id = "T1" },
            team = new { id = "T1" },
            message = new { text = "customer said hi", ts = "1.2" },
        };

        await _dispatcher.DispatchAsync(Request(SlackRequestKind.MessageShortcut, payload), null, CancellationToken.None);

        Assert.That(_seen.Calls, Is.EqualTo(new[] { "capture:customer said hi" }));
    }

    [Test]
    public async Task ViewSubmission_WithErrors_PutsResponseActionIntoTheAck()
    {
        var payload = new
        {
            type = "view_submission",
            team = new { id = "T1", domain = "test" },
            user = new { id = "U1", team_id = "T1" },
            view = new
            {
                id = "V1",
                callback_id = "feedback_modal",
                state = new { values = new Dictionary<string, object> { ["text_block"] = new Dictionary<string, object> { ["text"] = new { type = "plain_text_input", value = " " } } } },
            },
        };
        var slot = new AckSlot();

        await _dispatcher.DispatchAsync(Request(SlackRequestKind.ViewSubmission, payload), slot, CancellationToken.None);
        var ack = await slot.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System, CancellationToken.None);

        Assert.That(ack, Does.Contain("\"response_action\":\"errors\""));
        Assert.That(ack, Does.Contain("\"text_block\":\"Please write something.\""));
    }

    [Test]
    public async Task ViewSubmission_UpdatingTheView_AcksAModalViewWithPlainTextObjects()
    {
        var payload = new
        {
            type = "view_submission",
            team = new { id = "T1", domain = "test" },
            user = new { id = "U1", team_id = "T1" },
            view = new
            {
                id = "V1",
                callback_id = "feedback_modal",
                state = new { values = new Dictionary<string, object> { ["text_block"] = new Dictionary<string, object> { ["text"] = new { type = "plain_text_input", value = "show the saved page" } } } },
            },
        };
        var slot = new AckSlot();

        await _dispatcher.DispatchAsync(Request(SlackRequestKind.ViewSubmission, payload), slot, CancellationToken.None);
        var ack = System.Text.Json.Nodes.JsonNode.Parse(await slot.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System, CancellationToken.None) ?? "{}")!;

        Assert.That(ack["response_action"]?.GetValue<string>(), Is.EqualTo("update"));
        var view = ack["view"]!;
        Assert.That(view["type"]?.GetValue<string>(), Is.EqualTo("modal"));
        Assert.That(view["title"]?["type"]?.GetValue<string>(), Is.EqualTo("plain_text"));
        Assert.That(view["title"]?["text"]?.GetValue<string>(), Is.EqualTo("Saved"));
        Assert.That(view["close"]?["type"]?.GetValue<string>(), Is.EqualTo("plain_text"));
        Assert.That(view["blocks"]?[0]?["type"]?.GetValue<string>(), Is.EqualTo("section"));
    }

    [Test]
    public void Registry_TwoHandlersForOneCommand_IsRefusedAtRegistration()
    {
        var services = new ServiceCollection();
        var builder = new SlackHandlerBuilder(services, new SlackHandlerRegistry()).AddSlashCommand<EchoCommand>("/echo");

        var ex = Assert.Throws<InvalidOperationException>(() => builder.AddSlashCommand<SlowCommand>("/echo"));
        Assert.That(ex!.Message, Does.Contain("/echo"));
    }
}
