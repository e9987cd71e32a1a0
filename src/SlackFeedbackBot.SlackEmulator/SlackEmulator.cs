using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SlackFeedbackBot.Emulator.Delivery;
using SlackFeedbackBot.Emulator.Recording;
using SlackFeedbackBot.Emulator.WebApi;
using SlackFeedbackBot.Emulator.Workspace;

namespace SlackFeedbackBot.Emulator;

/// <summary>
/// A local Slack: Web API, Socket Mode server, signed HTTP delivery, and a workspace model, listening on a loopback port.
/// Start one with <see cref="StartAsync"/>, point the app at <see cref="ApiBaseUrl"/> with <see cref="BotToken"/> and
/// <see cref="AppToken"/>, then act as users with the Send*/Post*/Click*/Submit* methods.
/// </summary>
public sealed partial class SlackEmulator : IAsyncDisposable
{
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ConcurrentDictionary<Task, byte> _background = new();
    private readonly HttpClient _http;
    private WebApplication? _app;
    private Deliverer _deliverer = null!;
    private readonly WorkspaceFile? _workspaceFile;

    private SlackEmulator(EmulatorOptions options, ILoggerFactory loggerFactory)
    {
        Options = options;
        Time = options.TimeProvider;
        BotToken = options.BotToken ?? $"xoxb-{SlackIds.RandomDigits(12)}-{SlackIds.RandomDigits(13)}-{SlackIds.RandomLetters(24)}";
        AppToken = options.AppToken ?? $"xapp-1-{EmulatorIds.AppId}-{SlackIds.RandomDigits(13)}-{SlackIds.RandomHex(64)}";
        SigningSecret = options.SigningSecret ?? SlackIds.RandomHex(32);
        HttpDeliveryUrl = options.HttpDeliveryUrl;
        Workspace = new SlackWorkspace(TeamId, EmulatorIds.TeamDomain, Time);
        if (options.SeedDemoWorkspace) WorkspaceSeeder.SeedDemo(Workspace);
        else WorkspaceSeeder.SeedMinimal(Workspace);
        Triggers = new TriggerIds(Time, options.TriggerIdLifetime);
        SlashCommands = SlashCommandEscaping.From(options);
        Logger = loggerFactory.CreateLogger("SlackEmulator");
        _workspaceFile = options.WorkspacePath is null ? null : WorkspaceFile.Attach(Workspace, options.WorkspacePath, Logger);
        var recordPath = TrafficRecorder.ResolvePath(options.RecordPath, Environment.GetEnvironmentVariable(TrafficRecorder.DirectoryVariable));
        Recorder = recordPath is null ? null : new TrafficRecorder(recordPath, Logger);
        Calls = new(Recorder is null ? null : Recorder.Api);
        Deliveries = new(Recorder is null ? null : Recorder.Delivery);
        ResponseUrlPosts = new(Recorder is null ? null : Recorder.ResponseUrl);
        Sockets = new SocketModeHub(AppId, () => BaseUrl, options.DisconnectGracePeriod, Logger);
        // Slack follows at most two redirects when delivering.
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxAutomaticRedirections = 2 }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public EmulatorOptions Options { get; }
    public TimeProvider Time { get; }

    /// <summary>http://127.0.0.1:{port}/</summary>
    public Uri BaseUrl { get; private set; } = null!;
    /// <summary>{BaseUrl}api/ — what the app uses instead of https://slack.com/api/.</summary>
    public Uri ApiBaseUrl => new(BaseUrl, "api/");
    public int Port => BaseUrl.Port;

    public string BotToken { get; }
    public string AppToken { get; }
    public string SigningSecret { get; }
    public string TeamId => EmulatorIds.TeamId;
    public string BotUserId => EmulatorIds.BotUserId;
    public string BotId => EmulatorIds.BotId;
    public string AppId => EmulatorIds.AppId;

    public SlackWorkspace Workspace { get; }
    /// <summary>Every Web API call, in arrival order.</summary>
    public WaitableLog<ApiCall> Calls { get; }
    public FaultInjector Faults { get; } = new();
    /// <summary>Every delivery attempt to the app, with its status (pending, acked, not acked...).</summary>
    public WaitableLog<DeliveryAttempt> Deliveries { get; }
    public ResponseUrlInbox ResponseUrlPosts { get; }
    /// <summary>Everything the app sent that Slack would refuse (bad Block Kit, invalid view submission acks), in order.</summary>
    public WaitableLog<EmulatorError> Errors { get; } = new();
    public SocketModeHub Sockets { get; }
    public TriggerIds Triggers { get; }
    /// <summary>Which slash commands arrive escaped (the manifest's should_escape).</summary>
    public SlashCommandEscaping SlashCommands { get; }

    /// <summary>Where signed HTTP deliveries go (e.g. http://127.0.0.1:5000/slack/events); null delivers over Socket Mode.</summary>
    public Uri? HttpDeliveryUrl { get; set; }

    public int OpenSocketCount => Sockets.OpenSocketCount;

    internal ILogger Logger { get; }

    /// <summary>Writes the traffic to <see cref="EmulatorOptions.RecordPath"/> (or the <see cref="TrafficRecorder.DirectoryVariable"/> directory); null when not recording.</summary>
    internal TrafficRecorder? Recorder { get; }

    /// <summary>The file the traffic is recorded to, or null.</summary>
    public string? RecordPath => Recorder?.Path;

    public static async Task<SlackEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken ct = default)
    {
        options ??= new EmulatorOptions();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SlackEmulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
            Args = [],
        });
        builder.Logging.ClearProviders();
        if (options.LoggerFactory is null) builder.Logging.SetMinimumLevel(LogLevel.None);
        else builder.Services.AddSingleton(options.LoggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));

        var emulator = new SlackEmulator(options, options.LoggerFactory ?? NullLoggerFactory.Instance);
        var app = builder.Build();
        emulator.MapEndpoints(app);
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            // Closes the recording, so a retry (e.g. on another port) can open the same file.
            await emulator.DisposeAsync();
            throw;
        }
        emulator._app = app;
        var address = app.Urls.First();
        emulator.BaseUrl = new Uri($"http://127.0.0.1:{new Uri(address).Port}/");
        emulator._deliverer = new Deliverer(emulator, emulator.Sockets, emulator._http);
        return emulator;
    }

    public Task<ApiCall> WaitForCallAsync(string method, Func<ApiCall, bool>? match = null, TimeSpan? timeout = null, CancellationToken ct = default) =>
        Calls.WaitForAsync(c => c.Method == method && (match?.Invoke(c) ?? true), timeout ?? TimeSpan.FromSeconds(20), $"{method} call", ct);

    public async Task WaitForSocketsAsync(int count, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        if (!await Sockets.WaitForSocketsAsync(count, limit, ct))
            throw new TimeoutException($"Expected {count} Socket Mode connection(s) within {limit.TotalSeconds:0.#} s; {OpenSocketCount} open. " +
                                       $"apps.connections.open calls: {Calls.All.Count(c => c.Method == "apps.connections.open")}.");
    }

    /// <summary>Sends {"type":"disconnect"} to one socket (index into <see cref="SocketModeHub.OpenSockets"/>) or all, then closes it after the grace period.</summary>
    public Task SendDisconnectAsync(string reason = "refresh_requested", int? socketIndex = null, CancellationToken ct = default) =>
        Sockets.SendDisconnectAsync(reason, socketIndex, ct);

    /// <summary>A permalink as chat.getPermalink gives it: {BaseUrl}archives/{channel}/p{ts without the dot}.</summary>
    public string Permalink(string channel, string ts) => new Uri(BaseUrl, $"archives/{channel}/p{ts.Replace(".", "", StringComparison.Ordinal)}").ToString();

    /// <summary>Fills in what Slack adds to a view the app sends: id, hash, state, root/previous ids and app identity.</summary>
    internal void CompleteView(JsonObject view, string id, string? rootViewId, string? previousViewId)
    {
        view["blocks"] ??= new JsonArray();
        view["id"] = id;
        view["team_id"] = TeamId;
        view["state"] = new JsonObject { ["values"] = new JsonObject() };
        view["hash"] = $"{Time.GetUtcNow().ToUnixTimeSeconds()}.{SlackIds.RandomLetters(8)}";
        view["private_metadata"] ??= "";
        view["callback_id"] ??= "";
        view["external_id"] ??= "";
        view["clear_on_close"] ??= false;
        view["notify_on_close"] ??= false;
        view["root_view_id"] = rootViewId ?? id;
        view["previous_view_id"] = previousViewId;
        view["app_id"] = AppId;
        view["app_installed_team_id"] = TeamId;
        view["bot_id"] = BotId;
    }

    /// <summary>Runs work that outlives the call that started it (e.g. echoing the bot's own posts), so disposal can wait for it.</summary>
    internal void RunInBackground(Func<CancellationToken, Task> work)
    {
        var task = Task.Run(() => work(_lifetime.Token));
        _background[task] = 0;
        task.ContinueWith(t => _background.TryRemove(t, out _), TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync();
        try { await Task.WhenAll(_background.Keys).WaitAsync(TimeSpan.FromSeconds(5)); }
        catch (Exception e) { Logger.LogDebug("Background work ended with {Error} at shutdown", e.Message); }
        await Sockets.DisposeAsync();
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }
        _http.Dispose();
        _workspaceFile?.Dispose();
        if (Recorder is not null) await Recorder.DisposeAsync();
        _lifetime.Dispose();
    }
}
