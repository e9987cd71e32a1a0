using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Dispatch.Middleware;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Inbox;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Dispatch;

/// <summary>The middleware every request passes before its handler: log, catch, ignore self, authorize, then the host's own.</summary>
public sealed class SlackDispatcherMiddlewareTests
{
    private const string OurTeam = "T1";

    /// <summary>How a payload names its workspace.</summary>
    public enum TeamIs
    {
        Ours,
        Foreign,
        Empty,
        Missing,
    }

    private sealed class Seen
    {
        public ConcurrentQueue<string> Calls { get; } = new();
    }

    private sealed class EchoCommand(Seen seen) : ISlashCommandHandler
    {
        public Task<SlackMessage?> HandleAsync(SlashCommand command, CancellationToken ct)
        {
            seen.Calls.Enqueue("handler:/echo");
            return Task.FromResult<SlackMessage?>(SlackMessage.Ephemeral("you said " + command.Text));
        }
    }

    private sealed class TakesAWhileCommand(FakeTimeProvider time) : ISlashCommandHandler
    {
        public Task<SlackMessage?> HandleAsync(SlashCommand command, CancellationToken ct)
        {
            time.Advance(TimeSpan.FromMilliseconds(1500));
            return Task.FromResult<SlackMessage?>(null);
        }
    }

    private sealed class MessageHandler(Seen seen) : IEventHandler
    {
        public Task HandleAsync(EventCallback callback, CancellationToken ct)
        {
            seen.Calls.Enqueue($"handler:{callback.Event.Type}:{callback.Event.User}");
            return callback.Event.Text == "explode" ? throw new InvalidOperationException("boom in the handler") : Task.CompletedTask;
        }
    }

    private sealed class CaptureShortcut(Seen seen) : IMessageShortcutHandler
    {
        public Task HandleAsync(ShortcutPayload shortcut, CancellationToken ct)
        {
            seen.Calls.Enqueue("handler:capture_feedback");
            return Task.CompletedTask;
        }
    }

    private sealed class NewFeedbackShortcut(Seen seen) : IGlobalShortcutHandler
    {
        public Task HandleAsync(ShortcutPayload shortcut, CancellationToken ct)
        {
            seen.Calls.Enqueue("handler:new_feedback");
            return Task.CompletedTask;
        }
    }

    private sealed class ApproveAction(Seen seen) : IBlockActionHandler
    {
        public Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken ct)
        {
            seen.Calls.Enqueue("handler:approve");
            return Task.CompletedTask;
        }
    }

    private sealed class FeedbackModal(Seen seen) : IViewSubmissionHandler
    {
        public Task<ViewSubmissionResponse?> HandleAsync(ViewSubmissionPayload submission, CancellationToken ct)
        {
            seen.Calls.Enqueue("handler:feedback_modal");
            return Task.FromResult<ViewSubmissionResponse?>(ViewSubmissionResponse.Clear());
        }
    }

    /// <summary>A middleware the host adds: it notes every request it sees.</summary>
    private sealed class FirstHostMiddleware(Seen seen) : ISlackMiddleware
    {
        public Task InvokeAsync(SlackRequestContext context, Func<Task> next)
        {
            seen.Calls.Enqueue($"first:{context.Kind}:{context.TeamId}");
            return next();
        }
    }

    /// <summary>A second one, registered after the first; it stops requests from the user U_BLOCKED.</summary>
    private sealed class SecondHostMiddleware(Seen seen) : ISlackMiddleware
    {
        public Task InvokeAsync(SlackRequestContext context, Func<Task> next)
        {
            seen.Calls.Enqueue($"second:{context.Kind}");
            if (context.UserId == "U_BLOCKED")
            {
                context.Ignore("blocked user");
                return Task.CompletedTask;
            }

            return next();
        }
    }

    private FakeSlackApi _api = null!;
    private Seen _seen = null!;
    private ListLogger _log = null!;
    private FakeTimeProvider _time = null!;
    private TempDirectory _dir = null!;
    private ServiceProvider _services = null!;
    private SlackDispatcher _dispatcher = null!;

    [SetUp]
    public void SetUp()
    {
        _api = new FakeSlackApi();
        _seen = new Seen();
        _log = new ListLogger();
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        _dir = new TempDirectory();
        var database = new Database(_dir.File("bot.db"));
        database.Initialize();

        var services = new ServiceCollection();
        services.AddSingleton(_seen);
        services.AddSingleton(_time);
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<ISlackApiClient>(_api);
        services.AddSingleton<ILoggerFactory>(new SingleLoggerFactory(_log));
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddOptions<SlackOptions>().Configure(o => o.MaxHandlerAttempts = 2);
        services.AddSingleton<ISlackInbox>(sp => new SqliteSlackInbox(database.ConnectionString, _time, sp.GetRequiredService<ILogger<SqliteSlackInbox>>()));
        services.AddSingleton<SlackInboxProcessor>();
        services.AddSlackDispatcher()
            .AddSlashCommand<EchoCommand>("/echo")
            .AddSlashCommand<TakesAWhileCommand>("/wait")
            .AddEventHandler<MessageHandler>("message")
            .AddEventHandler<MessageHandler>("member_joined_channel")
            .AddMessageShortcut<CaptureShortcut>("capture_feedback")
            .AddGlobalShortcut<NewFeedbackShortcut>("new_feedback")
            .AddBlockAction<ApproveAction>("approve")
            .AddViewSubmission<FeedbackModal>("feedback_modal")
            .UseMiddleware<FirstHostMiddleware>()
            .UseMiddleware<SecondHostMiddleware>();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        _dispatcher = _services.GetRequiredService<SlackDispatcher>();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _services.DisposeAsync();
        _dir.Dispose();
    }

    // Every kind the dispatcher is given, each with the handler that takes it (none for the kinds nothing routes yet).
    private static readonly SlackRequestKind[] AllKinds = Enum.GetValues<SlackRequestKind>();

    private static IEnumerable<TestCaseData> KindsNotFromOurWorkspace() =>
        from kind in AllKinds
        from team in new[] { TeamIs.Foreign, TeamIs.Empty, TeamIs.Missing }
        select new TestCaseData(kind, team).SetName($"Request_{kind}_WithTeam{team}_IsRefused");

    [TestCaseSource(nameof(KindsNotFromOurWorkspace))]
    public async Task Request_NotFromOurWorkspace_IsRefused(SlackRequestKind kind, TeamIs team)
    {
        var slot = new AckSlot();

        await _dispatcher.DispatchAsync(Request(kind, Payload(kind, team)), slot, CancellationToken.None);
        var ack = await slot.WaitAsync(TimeSpan.FromSeconds(10), _time, CancellationToken.None);

        Assert.That(_seen.Calls, Is.Empty, "neither the host's middleware nor a handler saw it");
        var reason = team == TeamIs.Foreign ? "workspace T_OTHER is not served" : "no team id";
        Assert.That(_log.Messages, Has.One.Matches<string>(m => m.StartsWith("Debug: Slack " + kind, StringComparison.Ordinal) && m.Contains($"ignored ({reason})")));
        Assert.That(_log.Messages, Has.One.Matches<string>(m => m.StartsWith("Warning: Refused a " + kind, StringComparison.Ordinal)));
        if (kind == SlackRequestKind.SlashCommand)
        {
            Assert.That(ack, Does.Contain("another workspace"), "a person who typed a command hears why nothing happens");
        }
        else
        {
            Assert.That(ack, Is.Null);
        }
    }

    [TestCaseSource(nameof(AllKinds))]
    public async Task Request_FromOurWorkspace_PassesTheHostMiddlewareInOrder_ThenItsHandler(SlackRequestKind kind)
    {
        await _dispatcher.DispatchAsync(Request(kind, Payload(kind, TeamIs.Ours)), new AckSlot(), CancellationToken.None);

        var expected = new List<string> { $"first:{kind}:{OurTeam}", $"second:{kind}" };
        if (HandlerOf(kind) is { } handler)
        {
            expected.Add("handler:" + handler);
        }

        Assert.That(_seen.Calls, Is.EqualTo(expected));
    }

    [Test]
    public async Task HostMiddleware_ThatStopsARequest_KeepsItFromTheHandler_AndTheLogSaysWhy()
    {
        var payload = Payload(SlackRequestKind.BlockActions, TeamIs.Ours);
        payload["user"]!["id"] = "U_BLOCKED";

        await _dispatcher.DispatchAsync(Request(SlackRequestKind.BlockActions, payload), null, CancellationToken.None);

        Assert.That(_seen.Calls, Is.EqualTo(new[] { $"first:BlockActions:{OurTeam}", "second:BlockActions" }));
        Assert.That(_log.Messages, Has.One.Contains("ignored (blocked user)"));
    }

    [TestCase("UBOT", null, null, TestName = "Event_FromTheBotUser_IsIgnored")]
    [TestCase(null, "BBOT", null, TestName = "Event_WithTheBotsBotId_IsIgnored")]
    [TestCase("U1", null, "BBOT", TestName = "Event_AboutAMessageTheBotPosted_IsIgnored")]
    public async Task Event_TheBotCausedItself_IsIgnoredBeforeAnyoneSeesIt(string? user, string? botId, string? messageBotId)
    {
        var payload = Payload(SlackRequestKind.Event, TeamIs.Ours);
        var evt = payload["event"]!.AsObject();
        evt["user"] = user;
        evt["bot_id"] = botId;
        if (messageBotId is not null)
        {
            evt["subtype"] = "message_changed";
            evt["message"] = new JsonObject { ["bot_id"] = messageBotId, ["text"] = "edited by the bot" };
        }

        await _dispatcher.DispatchAsync(Request(SlackRequestKind.Event, payload), null, CancellationToken.None);

        Assert.That(_seen.Calls, Is.Empty);
        Assert.That(_log.Messages, Has.One.Contains("ignored (the bot's own event)"));
    }

    [Test]
    public async Task Event_TheBotJoiningAChannel_IsKept()
    {
        var payload = Payload(SlackRequestKind.Event, TeamIs.Ours);
        payload["event"] = new JsonObject { ["type"] = "member_joined_channel", ["user"] = "UBOT", ["channel"] = "C1" };

        await _dispatcher.DispatchAsync(Request(SlackRequestKind.Event, payload), null, CancellationToken.None);

        Assert.That(_seen.Calls, Has.Member("handler:member_joined_channel:UBOT"));
    }

    [Test]
    public async Task EachRequest_WritesOneDebugLine_WithKindIdHandlerDurationAndOutcome()
    {
        await _dispatcher.DispatchAsync(Request(SlackRequestKind.SlashCommand, Payload(SlackRequestKind.SlashCommand, TeamIs.Ours, command: "/wait")), new AckSlot(), CancellationToken.None);
        var unhandled = Payload(SlackRequestKind.BlockActions, TeamIs.Ours);
        unhandled["actions"]![0]!["action_id"] = "nobody_takes_this";
        await _dispatcher.DispatchAsync(Request(SlackRequestKind.BlockActions, unhandled), null, CancellationToken.None);
        await _dispatcher.DispatchAsync(Request(SlackRequestKind.Event, Payload(SlackRequestKind.Event, TeamIs.Ours)), null, CancellationToken.None);

        var lines = _log.Messages.Where(m => m.StartsWith("Debug: Slack ", StringComparison.Ordinal)).ToList();
        Assert.That(lines, Has.Count.EqualTo(3));
        Assert.That(lines[0], Is.EqualTo("Debug: Slack SlashCommand 1111.2222.trigger for '/wait', handler TakesAWhileCommand: handled in 1500 ms"));
        Assert.That(lines[1], Is.EqualTo("Debug: Slack BlockActions 1111.2222.trigger for 'nobody_takes_this', handler -: ignored (no handler) in 0 ms"));
        Assert.That(lines[2], Is.EqualTo("Debug: Slack Event EvTEST0001 for 'message', handler MessageHandler: handled in 0 ms"));
    }

    [Test]
    public void HandlerException_IsLoggedOnceWithItsStack_AndComesOutOfTheDispatcher()
    {
        var payload = Payload(SlackRequestKind.Event, TeamIs.Ours);
        payload["event"]!["text"] = "explode";

        var ex = Assert.ThrowsAsync<InvalidOperationException>(() => _dispatcher.DispatchAsync(Request(SlackRequestKind.Event, payload), null, CancellationToken.None));

        Assert.That(ex!.Message, Is.EqualTo("boom in the handler"));
        Assert.That(_log.Messages.Count(m => m.Contains("boom in the handler")), Is.EqualTo(1));
        Assert.That(_log.Messages, Has.One.StartsWith("Warning: Slack Event EvTEST0001 failed in handler MessageHandler"));
        Assert.That(_log.Messages, Has.One.EqualTo("Debug: Slack Event EvTEST0001 for 'message', handler MessageHandler: failed in 0 ms"));
    }

    [Test]
    public void UnreadablePayload_ComesOutAsAJsonException_SoTheInboxParksIt()
    {
        var request = new SlackInboundRequest(SlackRequestKind.Event, "{not json", "ev:EvBROKEN", 0, _time.GetUtcNow());

        Assert.CatchAsync<JsonException>(() => _dispatcher.DispatchAsync(request, null, CancellationToken.None));
        Assert.That(_log.Messages, Has.One.EqualTo("Debug: Slack Event ev:EvBROKEN for '(unreadable payload)', handler -: failed in 0 ms"));
    }

    [Test]
    public async Task HandlerException_ThroughTheInbox_IsRetriedThenParked_AsBefore()
    {
        var processor = _services.GetRequiredService<SlackInboxProcessor>();
        var inbox = _services.GetRequiredService<ISlackInbox>();
        await processor.StartAsync(CancellationToken.None);
        try
        {
            var payload = Payload(SlackRequestKind.Event, TeamIs.Ours);
            payload["event"]!["text"] = "explode";

            await processor.AcceptAsync(new SlackInboundRequest(SlackRequestKind.Event, payload.ToJsonString(), "ev:EvTEST0001", 0, _time.GetUtcNow()), CancellationToken.None);

            await Eventually.ThatAsync(async () => (await inbox.GetPendingAsync(10, CancellationToken.None)).SingleOrDefault()?.Attempts == 1, "the first attempt failed and the request waits for its retry");

            // The retry waits on the app's clock; it is moved on until the retry has run, however late its timer was set.
            await Eventually.ThatAsync(
                async () =>
                {
                    _time.Advance(TimeSpan.FromSeconds(1));
                    return (await inbox.GetStatsAsync(CancellationToken.None)).Parked == 1;
                },
                "the second attempt failed and the request is parked");

            var stats = await inbox.GetStatsAsync(CancellationToken.None);
            Assert.That(stats.Pending, Is.Zero);
            Assert.That(stats.LastParkedError, Is.EqualTo("InvalidOperationException: boom in the handler"));
            Assert.That(_seen.Calls.Count(c => c.StartsWith("handler:", StringComparison.Ordinal)), Is.EqualTo(2));
            Assert.That(_log.Messages.Count(m => m.Contains("   at ", StringComparison.Ordinal)), Is.EqualTo(2), "one stack per failed attempt, not one per layer");
            // The row is parked before the line saying so is written.
            await Eventually.ThatAsync(() => _log.Messages.Any(m => m.StartsWith("Error: Parked Slack request", StringComparison.Ordinal)), "the parking is logged");
            Assert.That(_log.Messages, Has.One.StartsWith("Error: Parked Slack request"));
        }
        finally
        {
            await processor.StopAsync(CancellationToken.None);
        }
    }

    [Test]
    public async Task RefusedRequests_WarnOncePerWorkspaceInAWhile_AndCountTheRest()
    {
        for (var i = 0; i < 5; i++)
        {
            await _dispatcher.DispatchAsync(Request(SlackRequestKind.BlockActions, Payload(SlackRequestKind.BlockActions, TeamIs.Foreign)), null, CancellationToken.None);
        }

        var third = Payload(SlackRequestKind.BlockActions, TeamIs.Foreign);
        third["team"]!["id"] = "T_THIRD";
        third["user"]!["team_id"] = "T_THIRD";
        await _dispatcher.DispatchAsync(Request(SlackRequestKind.BlockActions, third), null, CancellationToken.None);

        Assert.That(Warnings("T_OTHER"), Has.Count.EqualTo(1));
        Assert.That(Warnings("T_THIRD"), Has.Count.EqualTo(1));

        _time.Advance(AuthorizeWorkspaceMiddleware.WarningInterval);
        await _dispatcher.DispatchAsync(Request(SlackRequestKind.BlockActions, Payload(SlackRequestKind.BlockActions, TeamIs.Foreign)), null, CancellationToken.None);

        Assert.That(Warnings("T_OTHER"), Has.Count.EqualTo(2));
        Assert.That(Warnings("T_OTHER")[1], Does.Contain("4 more"));
        Assert.That(_seen.Calls, Is.Empty);
    }

    [Test]
    public async Task ConfiguredTeamId_DecidesWithoutAskingAuthTest()
    {
        _api.Identity = _api.Identity with { TeamId = "T_FROM_AUTH_TEST" };
        var options = _services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SlackOptions>>().Value;
        options.TeamId = OurTeam;

        await _dispatcher.DispatchAsync(Request(SlackRequestKind.BlockActions, Payload(SlackRequestKind.BlockActions, TeamIs.Ours)), null, CancellationToken.None);

        Assert.That(_seen.Calls, Has.Member("handler:approve"));
        Assert.That(_api.AuthTestCalls, Is.Zero);
    }

    private List<string> Warnings(string team) =>
        _log.Messages.Where(m => m.StartsWith("Warning: Refused", StringComparison.Ordinal) && m.Contains("workspace " + team + ",", StringComparison.Ordinal)).ToList();

    private SlackInboundRequest Request(SlackRequestKind kind, JsonObject payload) =>
        new(kind, payload.ToJsonString(), kind + ":" + Guid.NewGuid().ToString("N"), 0, _time.GetUtcNow());

    private static string? HandlerOf(SlackRequestKind kind) => kind switch
    {
        SlackRequestKind.Event => "message:U1",
        SlackRequestKind.SlashCommand => "/echo",
        SlackRequestKind.MessageShortcut => "capture_feedback",
        SlackRequestKind.GlobalShortcut => "new_feedback",
        SlackRequestKind.BlockActions => "approve",
        SlackRequestKind.ViewSubmission => "feedback_modal",
        _ => null,
    };

    /// <summary>A payload of the kind as Slack sends it, with its workspace where Slack puts it for that kind.</summary>
    private static JsonObject Payload(SlackRequestKind kind, TeamIs team, string command = "/echo")
    {
        var payload = kind switch
        {
            SlackRequestKind.Event => new JsonObject
            {
                ["type"] = "event_callback",
                ["event_id"] = "EvTEST0001",
                ["event"] = new JsonObject { ["type"] = "message", ["user"] = "U1", ["channel"] = "C1", ["text"] = "hello", ["ts"] = "1700000000.000100" },
            },
            SlackRequestKind.SlashCommand => new JsonObject
            {
                ["command"] = command, ["text"] = "hi", ["user_id"] = "U1", ["channel_id"] = "C1",
                ["response_url"] = "https://hooks.example/r/1", ["trigger_id"] = "1111.2222.trigger",
            },
            SlackRequestKind.MessageShortcut => Interaction("message_action", new JsonObject
            {
                ["callback_id"] = "capture_feedback",
                ["message"] = new JsonObject { ["text"] = "customer said hi", ["ts"] = "1.2" },
            }),
            SlackRequestKind.GlobalShortcut => Interaction("shortcut", new JsonObject { ["callback_id"] = "new_feedback" }),
            SlackRequestKind.BlockActions => Interaction("block_actions", new JsonObject
            {
                ["actions"] = new JsonArray(new JsonObject { ["action_id"] = "approve", ["value"] = "42" }),
            }),
            SlackRequestKind.ViewSubmission => Interaction("view_submission", new JsonObject
            {
                ["view"] = new JsonObject { ["id"] = "V1", ["callback_id"] = "feedback_modal", ["state"] = new JsonObject { ["values"] = new JsonObject() } },
            }),
            SlackRequestKind.ViewClosed => Interaction("view_closed", new JsonObject
            {
                ["view"] = new JsonObject { ["id"] = "V1", ["callback_id"] = "feedback_modal" },
                ["is_cleared"] = false,
            }),
            SlackRequestKind.BlockSuggestion => Interaction("block_suggestion", new JsonObject { ["action_id"] = "pick_team", ["value"] = "sup" }),
            _ => new JsonObject { ["type"] = "app_rate_limited", ["minute_rate_limited"] = 1518467820, ["api_app_id"] = "A1" },
        };

        var teamId = team switch
        {
            TeamIs.Ours => OurTeam,
            TeamIs.Foreign => "T_OTHER",
            TeamIs.Empty => "",
            _ => null,
        };
        if (teamId is null)
        {
            return payload;
        }

        if (payload["user"] is JsonObject user)
        {
            payload["team"] = new JsonObject { ["id"] = teamId, ["domain"] = "example" };
            user["team_id"] = teamId;
        }
        else
        {
            payload["team_id"] = teamId;
        }

        return payload;
    }

    private static JsonObject Interaction(string type, JsonObject fields)
    {
        fields["type"] = type;
        if (type is not ("view_closed" or "block_suggestion"))
        {
            fields["trigger_id"] = "1111.2222.trigger";
        }

        fields["user"] = new JsonObject { ["id"] = "U1", ["username"] = "ana" };
        return fields;
    }
}
