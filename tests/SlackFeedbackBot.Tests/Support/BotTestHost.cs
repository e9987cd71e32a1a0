using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Hosting;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Outbox;
using SlackFeedbackBot.Slack.Transports.SocketMode;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Tests.Support;

/// <summary>
/// The real bot host, running in-process against the local Slack emulator over loopback sockets, with its own
/// SQLite file in a temp directory, or its own database on the test run's PostgreSQL server
/// (<see cref="BotTestHostOptions.Provider"/>). Use <see cref="RestartAsync"/> to stop and start the bot on the same
/// database and emulator.
/// </summary>
public sealed class BotTestHost : IAsyncDisposable
{
    private readonly TempDirectory _dir;
    private readonly bool _ownsDir;
    private readonly BotTestHostOptions _options;
    private ProviderDatabase? _postgres;

    private BotTestHost(SlackEmulator slack, TempDirectory dir, bool ownsDir, BotTestHostOptions options)
    {
        Slack = slack;
        _dir = dir;
        _ownsDir = ownsDir;
        _options = options;
    }

    public SlackEmulator Slack { get; }

    public WebApplication App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public string DatabasePath => _dir.File("bot.db");

    public Database Database => App.Services.GetRequiredService<Database>();

    /// <summary>The bot's database, also while the bot is stopped.</summary>
    public Database StoredDatabase => _postgres?.Database ?? new Database(DatabasePath);

    public ListLogger Log { get; } = new();

    public IServiceProvider Services => App.Services;

    public static async Task<BotTestHost> StartAsync(BotTestHostOptions? options = null)
    {
        options ??= new BotTestHostOptions();
        var dir = options.Directory ?? new TempDirectory();
        var slack = await SlackEmulator.StartAsync(new EmulatorOptions
        {
            SeedDemoWorkspace = options.SeedDemoWorkspace,
            TimeProvider = options.Time ?? TimeProvider.System,
            RecordPath = options.RecordPath,
            SlashCommandEscaping = options.SlashCommandEscaping,
        });
        var host = new BotTestHost(slack, dir, options.Directory is null, options);
        try
        {
            if (options.Provider == StorageProvider.Postgres)
            {
                host._postgres = await ProviderDatabase.CreateAsync(StorageProvider.Postgres);
            }

            await host.StartBotAsync();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    public async Task StopBotAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    /// <param name="whileStopped">Runs while the bot is down, e.g. to move a fake clock past something due.</param>
    public async Task RestartAsync(Action? whileStopped = null)
    {
        await StopBotAsync();
        whileStopped?.Invoke();
        await StartBotAsync();
    }

    private async Task StartBotAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Slack:Mode"] = _options.Mode.ToString(),
            ["Slack:ApiBaseUrl"] = Slack.ApiBaseUrl.ToString(),
            ["Slack:BotToken"] = Slack.BotToken,
            ["Slack:AppToken"] = Slack.AppToken,
            ["Slack:SigningSecret"] = Slack.SigningSecret,
            ["Slack:SocketConnectionStagger"] = "00:00:00.200",
            ["LocalMode:Enabled"] = "false",
        };
        if (_postgres is { } postgres)
        {
            settings["Storage:Provider"] = "Postgres";
            settings["Storage:ConnectionString"] = postgres.Database.ConnectionString;
        }
        else
        {
            settings["Storage:DatabasePath"] = DatabasePath;
        }

        foreach (var (key, value) in _options.Settings)
        {
            settings[key] = value;
        }

        var builder = BotHost.CreateBuilder([], configuration => configuration.AddInMemoryCollection(settings));
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ListLoggerProvider(Log));
        if (_options.Time is { } time)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton(time));

            // Network timing stays on the real clock: on a test's clock, moving it by hours would time out a Slack call
            // or a Socket Mode hello in flight (then wait for a retry the clock never reaches), and a second post to a
            // channel would wait for the clock to move. Same pipeline, pacing and socket client, timed in real time.
#pragma warning disable EXTEXP0001 // Evaluation API, used by tests only: the one way to swap a client's resilience handler.
            builder.Services.AddHttpClient(SlackApiClient.HttpClientName)
                .RemoveAllResilienceHandlers()
#pragma warning restore EXTEXP0001
                .AddResilienceHandler("slack-real-time", (pipeline, context) =>
                {
                    pipeline.TimeProvider = TimeProvider.System;
                    SlackResiliencePipeline.Configure(
                        pipeline,
                        context.ServiceProvider.GetRequiredService<IOptions<SlackApiRetryOptions>>().Value,
                        context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SlackResiliencePipeline).FullName!));
                });
            builder.Services.Replace(ServiceDescriptor.Singleton(provider =>
                new ChannelPostPacer(TimeProvider.System, provider.GetRequiredService<IOptions<SlackPostPacingOptions>>())));
            builder.Services.Replace(ServiceDescriptor.Singleton(provider => ActivatorUtilities.CreateInstance<SocketModeClient>(provider, TimeProvider.System)));
            builder.Services.Replace(ServiceDescriptor.Singleton(new OutboxClock(TimeProvider.System)));
        }

        _options.ConfigureServices?.Invoke(builder.Services);
        if (_options.Handlers is { } handlers)
        {
            var registry = (SlackHandlerRegistry)builder.Services.Single(d => d.ServiceType == typeof(SlackHandlerRegistry)).ImplementationInstance!;
            handlers(new SlackHandlerBuilder(builder.Services, registry));
        }

        App = BotHost.Build(builder);
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        if (_options.Mode == SlackMode.Http)
        {
            Slack.HttpDeliveryUrl = new Uri(BaseAddress, "slack/events");
        }
        else
        {
            Slack.HttpDeliveryUrl = null;
            await Slack.WaitForSocketsAsync(1, TimeSpan.FromSeconds(30));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            try
            {
                await App.StopAsync();
            }
            catch (ObjectDisposedException)
            {
                // Already stopped by the test.
            }

            await App.DisposeAsync();
        }

        var refused = Slack.Errors.All;
        await Slack.DisposeAsync();
        _postgres?.Dispose();
        if (_ownsDir)
        {
            _dir.Dispose();
        }

        // Slack would have refused these (bad Block Kit, an unusable view submission ack): a bug in the bot, even when
        // the test's own assertions passed because the bot carried on.
        if (refused.Count > 0)
        {
            throw new AssertionException($"The bot sent what Slack refuses:{Environment.NewLine}{string.Join(Environment.NewLine, refused.Select(e => "  " + e))}");
        }
    }
}

public sealed class BotTestHostOptions
{
    public SlackMode Mode { get; init; } = SlackMode.Socket;

    public bool SeedDemoWorkspace { get; init; } = true;

    /// <summary>SQLite (a file in <see cref="Directory"/>) or PostgreSQL (a new database on the test run's server, kept across restarts).</summary>
    public StorageProvider Provider { get; init; } = StorageProvider.Sqlite;

    /// <summary>
    /// Replaces the bot's clock (and the emulator's), e.g. a FakeTimeProvider. The Slack client's timeouts, retries
    /// and pacing, and the outbox's schedule, stay on the real clock.
    /// </summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Extra settings, e.g. ["Feedback:PassiveChannels:0"] = "C123".</summary>
    public Dictionary<string, string?> Settings { get; init; } = new();

    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Extra Slack handlers for the test, registered like the bot's own.</summary>
    public Action<SlackHandlerBuilder>? Handlers { get; init; }

    /// <summary>A JSONL file the emulator records its traffic to; when null, SLACK_EMULATOR_RECORD_DIR (if set) gets a file per emulator.</summary>
    public string? RecordPath { get; init; }

    /// <summary>should_escape per slash command, over the manifest's (off: Slack sends names as typed).</summary>
    public Dictionary<string, bool> SlashCommandEscaping { get; init; } = new(StringComparer.Ordinal);

    /// <summary>A directory kept by the caller (to restart on the same files); a fresh one when null.</summary>
    public TempDirectory? Directory { get; init; }
}

public sealed class ListLoggerProvider(ListLogger logger) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => logger;

    public void Dispose()
    {
    }
}
