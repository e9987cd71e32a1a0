using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Outbox;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Feedback;

/// <summary>
/// The feedback feature as the bot wires it (AddFeedback on a real handler registry and dispatcher), on a real
/// database (a SQLite file in a temp directory, or a database of its own on the test run's PostgreSQL server), with a
/// fake clock and a recording Slack Web API.
/// </summary>
public sealed class FeedbackHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory? _dir;
    private readonly ProviderDatabase? _database;

    /// <summary>On a SQLite file.</summary>
    /// <param name="existing">Prepares the database file before it is migrated, e.g. as an older version left it.</param>
    public FeedbackHarness(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? before = null, Action<Database>? existing = null)
    {
        _dir = new TempDirectory();
        Database = new Database(_dir.File("bot.db"));
        existing?.Invoke(Database);
        Database.Initialize();
        (Services, Registry) = Wire(settings, before);
    }

    private FeedbackHarness(ProviderDatabase database, IDictionary<string, string?>? settings, Action<IServiceCollection>? before)
    {
        _database = database;
        Database = database.Database;
        (Services, Registry) = Wire(settings, before);
    }

    /// <summary>On a new, migrated database of <paramref name="provider"/>.</summary>
    public static async Task<FeedbackHarness> StartAsync(StorageProvider provider, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? before = null) =>
        new(await ProviderDatabase.CreateAsync(provider), settings, before);

    private (ServiceProvider, SlackHandlerRegistry) Wire(IDictionary<string, string?>? settings, Action<IServiceCollection>? before)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(Database);
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<ISlackApiClient>(Api);
        services.AddSingleton<ILoggerFactory>(new SingleLoggerFactory(Log));
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddOptions<SlackOptions>();
        services.AddSlackOutbox(SlackStorageOf.Database(Database));
        services.Configure<SlackPostPacingOptions>(o => o.IntervalPerChannel = TimeSpan.Zero);
        var handlers = services.AddSlackDispatcher();
        before?.Invoke(services);
        handlers.AddFeedback(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        return (provider, provider.GetRequiredService<SlackHandlerRegistry>());
    }

    public Database Database { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    public FakeSlackApi Api { get; } = new();

    public ListLogger Log { get; } = new();

    public ServiceProvider Services { get; }

    public SlackHandlerRegistry Registry { get; }

    public FeedbackService Service => Get<FeedbackService>();

    public FeedbackRepository Repository => Get<FeedbackRepository>();

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public FeedbackOptions Options => Get<IOptions<FeedbackOptions>>().Value;

    public async Task<CaptureOutcome> CaptureAsync(string text, string reporter = "U1", string? customer = null, string? channel = null, string? ts = null, string path = CapturePaths.Command)
    {
        var outcome = await Service.CaptureAsync(new FeedbackCapture { Text = text, ReporterId = reporter, Customer = customer, ChannelId = channel, MessageTs = ts, CapturePath = path }, CancellationToken.None);
        await DrainOutboxAsync();
        return outcome;
    }

    /// <summary>Runs the outbox tasks due now, as the drainer would, and waits for them.</summary>
    public Task<int> DrainOutboxAsync() => Get<SlackOutboxDrainer>().RunDueNowAsync();

    /// <summary>Runs a /feedback command through the dispatcher and returns the reply it put into the ack.</summary>
    public async Task<CommandReply?> CommandAsync(string text, string user = "U1", string channel = "C1")
    {
        var slot = new AckSlot();
        var command = new SlashCommand { Command = "/feedback", Text = text, UserId = user, ChannelId = channel, TeamId = "T1", ResponseUrl = "https://hooks.example/r/1", TriggerId = $"1.2.{Guid.NewGuid():N}" };
        await Dispatch(SlackRequestKind.SlashCommand, command, slot);
        var ack = await slot.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System, CancellationToken.None);
        return ack is null ? null : CommandReply.From(ack);
    }

    /// <summary>A reply as Slack receives it: the JSON, with its fallback text and response type at hand.</summary>
    public sealed record CommandReply(string Text, string? ResponseType, string Json)
    {
        public bool IsEphemeral => ResponseType is null or "ephemeral";

        public static CommandReply From(string json)
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
            return new CommandReply((string?)node["text"] ?? "", (string?)node["response_type"], json);
        }
    }

    public async Task<string?> DispatchWithAckAsync(SlackRequestKind kind, object payload)
    {
        var slot = new AckSlot();
        await Dispatch(kind, payload, slot);
        return await slot.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System, CancellationToken.None);
    }

    public Task EventAsync(object inner) =>
        Dispatch(SlackRequestKind.Event, new { type = "event_callback", team_id = "T1", event_id = "Ev" + Guid.NewGuid().ToString("N"), @event = inner }, null);

    public async Task Dispatch(SlackRequestKind kind, object payload, AckSlot? slot)
    {
        await Get<SlackDispatcher>().DispatchAsync(new SlackInboundRequest(kind, payload as string ?? SlackJson.Serialize(payload), Guid.NewGuid().ToString(), 0, Time.GetUtcNow()), slot, CancellationToken.None);
        await DrainOutboxAsync();
    }

    public void Dispose()
    {
        // The PostgreSQL outbox closes its data source asynchronously only.
        Services.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _dir?.Dispose();
        _database?.Dispose();
    }
}
