using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Inbox;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Inbox;

/// <summary>
/// The inbox processor on a real SQLite file, with a fake clock that is never moved: a failure that will happen again
/// on every attempt parks its request on the first one and the person is told at once; any other failure waits for
/// its retry.
/// </summary>
public sealed class InboxFailureTests
{
    private const string ResponseUrl = "https://hooks.example/r/1";

    private sealed class FailingCommand : ISlashCommandHandler
    {
        public Task<SlackMessage?> HandleAsync(SlashCommand command, CancellationToken ct) => command.Text switch
        {
            "unhandleable" => throw new UnhandleableRequestException("this command can never work"),
            "user_not_found" => throw new SlackApiException("users.info", "user_not_found"),
            "is_archived" => throw new SlackApiException("chat.postMessage", "is_archived"),
            "bad argument" => throw new ArgumentException("no such thing", "text"),
            "rate" => throw new SlackApiException("chat.postMessage", "ratelimited"),
            _ => throw new InvalidOperationException("the database was busy"),
        };
    }

    /// <summary>Slack is down while <see cref="Down"/> is set.</summary>
    private sealed class SlackOutage
    {
        public volatile bool Down = true;
        public int Handled;
    }

    private sealed class PostingCommand(SlackOutage outage) : ISlashCommandHandler
    {
        public Task<SlackMessage?> HandleAsync(SlashCommand command, CancellationToken ct)
        {
            if (outage.Down)
            {
                throw new SlackApiException("chat.postMessage", "network_error", "ConnectionError");
            }

            Interlocked.Increment(ref outage.Handled);
            return Task.FromResult<SlackMessage?>(null);
        }
    }

    private sealed class UserLookup : IEventHandler
    {
        public Task HandleAsync(EventCallback callback, CancellationToken ct) => throw new SlackApiException("users.info", "user_not_found");
    }

    private sealed class Click : IBlockActionHandler
    {
        public Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken ct) => Task.CompletedTask;
    }

    private sealed class Modal : IViewSubmissionHandler
    {
        public Task<ViewSubmissionResponse?> HandleAsync(ViewSubmissionPayload submission, CancellationToken ct) => Task.FromResult<ViewSubmissionResponse?>(null);
    }

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private FakeSlackApi _api = null!;
    private TempDirectory _dir = null!;
    private ServiceProvider _services = null!;
    private ISlackInbox _inbox = null!;
    private int _next;
    private readonly SlackOutage _outage = new();

    // Owned and disposed by the service provider.
    private SlackInboxProcessor Processor => _services.GetRequiredService<SlackInboxProcessor>();

    [SetUp]
    public async Task SetUp()
    {
        _api = new FakeSlackApi();
        _dir = new TempDirectory();
        var database = new Database(_dir.File("bot.db"));
        database.Initialize();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<ISlackApiClient>(_api);
        services.AddSingleton<ILoggerFactory>(new SingleLoggerFactory(new ListLogger()));
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddOptions<SlackOptions>();
        services.AddSingleton<ISlackInbox>(sp => new SqliteSlackInbox(database.ConnectionString, _time, sp.GetRequiredService<ILogger<SqliteSlackInbox>>()));
        services.AddSingleton<SlackInboxProcessor>();
        services.AddSingleton(_outage);
        services.AddSlackDispatcher()
            .AddSlashCommand<FailingCommand>("/fail")
            .AddSlashCommand<PostingCommand>("/post")
            .AddEventHandler<UserLookup>("member_joined_channel")
            .AddBlockAction<Click>("click")
            .AddViewSubmission<Modal>("modal");
        _services = services.BuildServiceProvider();
        _inbox = _services.GetRequiredService<ISlackInbox>();
        await Processor.StartAsync(CancellationToken.None);
    }

    [TearDown]
    public async Task TearDown()
    {
        await Processor.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        _dir.Dispose();
    }

    [TestCase("unhandleable", "UnhandleableRequestException: this command can never work")]
    [TestCase("user_not_found", "users.info: user_not_found")]
    [TestCase("is_archived", "chat.postMessage: is_archived")]
    [TestCase("bad argument", "ArgumentException: no such thing (Parameter 'text')")]
    public async Task PermanentFailure_OfACommand_ParksAtOnce_AndTellsTheUserThroughTheResponseUrl(string text, string error)
    {
        await AcceptAsync(SlackRequestKind.SlashCommand, Command(text));

        var parked = await WaitForParkedAsync();
        Assert.That(parked.Attempts, Is.EqualTo(1), "one attempt, no retries");
        Assert.That(parked.LastError, Is.EqualTo(error));
        await Eventually.ThatAsync(() => !_api.Responses.IsEmpty, "the user is told");
        var (url, message) = _api.Responses.Single();
        Assert.That(url, Is.EqualTo(ResponseUrl));
        Assert.That(message.Text, Does.Contain("`/fail` command failed on our side"));
        Assert.That(message.IsEphemeral, Is.True);
    }

    [TestCase("rate")]
    [TestCase("busy")]
    public async Task TransientFailure_WaitsForItsRetry_AndNobodyIsToldYet(string text)
    {
        await AcceptAsync(SlackRequestKind.SlashCommand, Command(text));

        await Eventually.ThatAsync(async () => (await _inbox.GetPendingAsync(10, CancellationToken.None)).SingleOrDefault()?.Attempts == 1, "the first attempt failed and the request waits for its retry");
        Assert.That((await _inbox.GetStatsAsync(CancellationToken.None)).Parked, Is.Zero);
        Assert.That(_api.Responses, Is.Empty);
    }

    [Test]
    public async Task SlackUnreachable_FarLongerThanTheUsualAttempts_TheRequestWaitsForSlack_AndIsHandledWhenItIsBack()
    {
        var maxAttempts = _services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SlackOptions>>().Value.MaxHandlerAttempts;
        var command = Command("hello");
        command["command"] = "/post";
        await AcceptAsync(SlackRequestKind.SlashCommand, command);

        // Each retry comes at most a minute after the last, however long the outage has lasted.
        for (var attempt = 1; attempt <= maxAttempts + 5; attempt++)
        {
            var expected = attempt;
            await Eventually.ThatAsync(async () => (await _inbox.GetPendingAsync(10, CancellationToken.None)).SingleOrDefault()?.Attempts == expected, $"attempt {expected} failed and the request waits");
            Assert.That((await _inbox.GetStatsAsync(CancellationToken.None)).Parked, Is.Zero, $"not parked after {expected} attempts while Slack is down");
            _time.Advance(TimeSpan.FromSeconds(61));
        }

        _outage.Down = false;
        _time.Advance(TimeSpan.FromSeconds(61));
        await Eventually.ThatAsync(() => Volatile.Read(ref _outage.Handled) == 1, "handled once Slack is back");
        await Eventually.ThatAsync(async () => (await _inbox.GetStatsAsync(CancellationToken.None)).Pending == 0, "marked handled");
        Assert.That((await _inbox.GetStatsAsync(CancellationToken.None)).Parked, Is.Zero);
        Assert.That(_api.Responses, Is.Empty, "nobody is told of a failure that did not happen");
    }

    [Test]
    public async Task SlackRefusingTheUser_InAnEventHandler_ParksAtOnce()
    {
        var payload = new JsonObject
        {
            ["type"] = "event_callback",
            ["team_id"] = "T1",
            ["event_id"] = "EvJOIN",
            ["event"] = new JsonObject { ["type"] = "member_joined_channel", ["user"] = "UGONE", ["channel"] = "C1" },
        };

        await AcceptAsync(SlackRequestKind.Event, payload);

        var parked = await WaitForParkedAsync();
        Assert.That(parked.LastError, Is.EqualTo("users.info: user_not_found"));
        Assert.That(parked.Attempts, Is.EqualTo(1));
    }

    [Test]
    public async Task BlockActions_WithoutAUser_ParksAtOnce()
    {
        var payload = Interaction("block_actions");
        payload["user"] = null;
        payload["actions"] = new JsonArray(new JsonObject { ["action_id"] = "click" });

        await AcceptAsync(SlackRequestKind.BlockActions, payload);

        var parked = await WaitForParkedAsync();
        Assert.That(parked.LastError, Does.StartWith("UnhandleableRequestException").And.Contain("no user"));
        Assert.That(parked.Attempts, Is.EqualTo(1));
    }

    [Test]
    public async Task BlockActions_WithoutActions_ParksAtOnce_AndTellsTheUserThroughTheResponseUrl()
    {
        var payload = Interaction("block_actions");
        payload["actions"] = null;
        payload["response_url"] = ResponseUrl;

        await AcceptAsync(SlackRequestKind.BlockActions, payload);

        var parked = await WaitForParkedAsync();
        Assert.That(parked.LastError, Does.Contain("no actions"));
        await Eventually.ThatAsync(() => !_api.Responses.IsEmpty, "the user is told");
        var (_, message) = _api.Responses.Single();
        Assert.That(message.Text, Does.Contain("what you clicked failed on our side"));
        Assert.That(message.ReplaceOriginal, Is.False, "the message with the button stays");
    }

    [Test]
    public async Task BlockActions_WithAnActionWithoutActionId_ParksAtOnce_AndTellsTheUserByDirectMessage()
    {
        var payload = Interaction("block_actions");
        payload["actions"] = new JsonArray(new JsonObject { ["value"] = "42" });

        await AcceptAsync(SlackRequestKind.BlockActions, payload);

        var parked = await WaitForParkedAsync();
        Assert.That(parked.LastError, Does.Contain("no action_id"));
        await Eventually.ThatAsync(() => !_api.Posts.IsEmpty, "the user is told by DM");
        Assert.That(_api.OpenedConversations, Is.EqualTo(new[] { "U1" }));
        Assert.That(_api.Posts.Single().Message.Text, Does.Contain("failed on our side"));
    }

    [Test]
    public async Task ViewSubmission_WithoutAView_ParksAtOnce_AndTellsTheUserByDirectMessage()
    {
        var payload = Interaction("view_submission");
        payload["view"] = null;

        await AcceptAsync(SlackRequestKind.ViewSubmission, payload);

        var parked = await WaitForParkedAsync();
        Assert.That(parked.LastError, Does.Contain("no view"));
        await Eventually.ThatAsync(() => !_api.Posts.IsEmpty, "the user is told by DM");
        Assert.That(_api.Posts.Single().Message.Text, Does.Contain("the form you sent failed on our side"));
    }

    [Test]
    public async Task UnreadablePayload_ParksAtOnce_AndNobodyCanBeTold()
    {
        await Processor.AcceptAsync(new SlackInboundRequest(SlackRequestKind.ViewSubmission, "{\"type\":\"view_submission\",\"team\":{\"id\":\"T1\"},\"user\":7}", "ia:broken", 0, _time.GetUtcNow()), CancellationToken.None);

        var parked = await WaitForParkedAsync();
        Assert.That(parked.LastError, Does.StartWith("JsonException"));
        Assert.That(_api.Posts, Is.Empty);
        Assert.That(_api.Responses, Is.Empty);
    }

    private Task<SlackAck> AcceptAsync(SlackRequestKind kind, JsonObject payload) =>
        Processor.AcceptAsync(new SlackInboundRequest(kind, payload.ToJsonString(), $"key:{Interlocked.Increment(ref _next)}", 0, _time.GetUtcNow()), CancellationToken.None);

    private async Task<InboxParkedRecord> WaitForParkedAsync()
    {
        InboxParkedRecord? parked = null;
        await Eventually.ThatAsync(
            async () => (parked = (await _inbox.GetParkedAsync(10, CancellationToken.None)).SingleOrDefault()) is not null,
            "the request is parked without the clock moving");
        Assert.That((await _inbox.GetStatsAsync(CancellationToken.None)).Pending, Is.Zero, "nothing waits for a retry");
        return parked!;
    }

    private static JsonObject Command(string text) => new()
    {
        ["command"] = "/fail", ["text"] = text, ["user_id"] = "U1", ["channel_id"] = "C1", ["team_id"] = "T1",
        ["response_url"] = ResponseUrl, ["trigger_id"] = "1111.2222.trigger",
    };

    private static JsonObject Interaction(string type) => new()
    {
        ["type"] = type,
        ["trigger_id"] = "1111.2222.trigger",
        ["team"] = new JsonObject { ["id"] = "T1", ["domain"] = "example" },
        ["user"] = new JsonObject { ["id"] = "U1", ["username"] = "ana", ["team_id"] = "T1" },
        ["view"] = new JsonObject { ["id"] = "V1", ["callback_id"] = "modal", ["state"] = new JsonObject { ["values"] = new JsonObject() } },
    };
}
