using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Hosting;

/// <summary>
/// The try-out mode: when no bot token is configured, the bot starts the built-in Slack emulator (with a demo
/// workspace) and connects to it over Socket Mode, exactly as it would to Slack.
/// </summary>
public sealed class LocalSlack : IAsyncDisposable
{
    private readonly bool _ownPort;

    private LocalSlack(SlackEmulator emulator, bool ownPort)
    {
        Emulator = emulator;
        _ownPort = ownPort;
    }

    public SlackEmulator Emulator { get; }

    /// <summary>The settings that point the bot at the emulator instead of Slack.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(_ownPort ? [] : [new("urls", "http://127.0.0.1:0")])
    {
        ["Slack:Mode"] = "Socket",
        ["Slack:ApiBaseUrl"] = Emulator.ApiBaseUrl.ToString(),
        ["Slack:BotToken"] = Emulator.BotToken,
        ["Slack:AppToken"] = Emulator.AppToken,
        ["Slack:SigningSecret"] = Emulator.SigningSecret,
        ["Slack:TeamId"] = Emulator.TeamId,
        ["Slack:SocketConnectionStagger"] = "00:00:01",
        // ASP.NET's "Now listening on" names the bot's own endpoint, which is no page to open; the banner says what it is.
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
    };

    /// <summary>The note the page shows on a first visit: who is who, where the past feedback is, three things to try.</summary>
    public const string Welcome =
        "*Welcome to the local try-out of feedback-bot.* You are acting as *Ana Ortiz* (@ana), the demo's admin: she owns the "
        + "`support` rotation and may resolve, reopen and reclassify any feedback. Change person with *Acting as* on the left.\n"
        + ">A few weeks of past feedback are already stored: `/feedback list` shows them, `/feedback digest last week` sums them up.\n"
        + "*Three things to try*\n"
        + "1. Type `/feedback How do I export to Excel?` below, then use *Change bucket* or *Add details* on the answer.\n"
        + "2. Write a message in <#C0FEEDBK01>: everything said there is captured. Edit or delete it and the feedback follows.\n"
        + "3. Type `/support` to see who is on support now and next, and open *feedback-bot · Home* under Apps.";

    /// <summary>Settings that stand in for the emulator's while the other settings are checked, before it is started.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Placeholders = new Dictionary<string, string?>
    {
        ["Slack:Mode"] = "Socket",
        ["Slack:BotToken"] = "xoxb-local",
        ["Slack:AppToken"] = "xapp-local",
    };

    public static bool IsWanted(IConfiguration configuration)
    {
        // An unreadable LocalMode:Enabled counts as the default here; the configuration check names it.
        var enabled = !bool.TryParse(configuration[$"{LocalModeOptions.Section}:{nameof(LocalModeOptions.Enabled)}"], out var value) || value;
        return enabled && string.IsNullOrWhiteSpace(configuration["Slack:BotToken"]);
    }

    public static async Task<LocalSlack> StartAsync(IConfiguration configuration, TextWriter output, CancellationToken ct)
    {
        var options = configuration.GetSection(LocalModeOptions.Section).Get<LocalModeOptions>() ?? new LocalModeOptions();
        SlackEmulator emulator;
        try
        {
            emulator = await SlackEmulator.StartAsync(OptionsFor(options.Port, options.RecordPath, WorkspacePath(configuration)), ct);
        }
        catch (IOException)
        {
            // The usual port is taken (another copy running?): any free port still gives a working try-out.
            emulator = await SlackEmulator.StartAsync(OptionsFor(0, options.RecordPath, WorkspacePath(configuration)), ct);
        }

        output.WriteLine($"""

            ================================================================================
              LOCAL MODE: no Slack tokens are set, so the bot runs against the built-in Slack
              emulator on this machine, not against Slack.

              Try it in your browser:  {emulator.BaseUrl}
              The database is {DatabasePath(configuration)}
              (the local workspace's messages are kept beside it, in {Path.GetFileName(WorkspacePath(configuration))}).

              To connect a real workspace, create the app from deploy/slack/manifest.yml and set
              SLACK_BOT_TOKEN (xoxb-...) and SLACK_APP_TOKEN (xapp-...); see README.md.
            ================================================================================

            """);
        // The try-out must start on any machine: unless an address was chosen, the bot's own port is any free one.
        return new LocalSlack(emulator, ownPort: !string.IsNullOrEmpty(configuration["urls"]));
    }

    /// <summary>The demo workspace's people by id, named as its users.list names them: what the CLI shows in local mode.</summary>
    public static IReadOnlyDictionary<string, string> DemoPeople()
    {
        var workspace = new SlackWorkspace(EmulatorIds.TeamId, EmulatorIds.TeamDomain, TimeProvider.System);
        WorkspaceSeeder.SeedDemo(workspace);
        return workspace.Users.Where(u => !u.IsBot).ToDictionary(
            u => u.Id, u => new[] { u.DisplayName, u.RealName, u.Name }.First(n => !string.IsNullOrWhiteSpace(n)), StringComparer.Ordinal);
    }

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();

    /// <summary>The line that says what the bot's own address is, once it listens: not a page, but its health checks.</summary>
    public static string BotEndpointLine(IEnumerable<string> addresses) =>
        $"The bot itself listens on {string.Join(", ", addresses)} (its health checks, e.g. /healthz; no page). Open the emulator's address above instead.";

    private static string DatabasePath(IConfiguration configuration) =>
        Path.GetFullPath((configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions()).DatabasePath);

    // Beside the database, so the history and the "Original message" links stored with feedback live and go together.
    private static string WorkspacePath(IConfiguration configuration) => DatabasePath(configuration) + ".workspace.json";

    // The bot ships its Slack manifest beside itself, so the emulator escapes slash commands as the real app would.
    private static EmulatorOptions OptionsFor(int port, string? recordPath, string workspacePath)
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, "slack-manifest.yml");
        return new EmulatorOptions
        {
            Port = port, SeedDemoWorkspace = true, AppManifestPath = File.Exists(manifest) ? manifest : null, RecordPath = recordPath,
            WorkspacePath = workspacePath, Welcome = Welcome,
        };
    }
}
