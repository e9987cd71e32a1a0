using SlackFeedbackBot.Emulator;

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
    };

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
            emulator = await SlackEmulator.StartAsync(OptionsFor(options.Port, options.RecordPath), ct);
        }
        catch (IOException)
        {
            // The usual port is taken (another copy running?): any free port still gives a working try-out.
            emulator = await SlackEmulator.StartAsync(OptionsFor(0, options.RecordPath), ct);
        }

        output.WriteLine($"""

            ================================================================================
              LOCAL MODE: no Slack tokens are set, so the bot runs against the built-in Slack
              emulator on this machine, not against Slack.

              Try it in your browser:  {emulator.BaseUrl}

              To connect a real workspace, create the app from deploy/slack/manifest.yml and set
              SLACK_BOT_TOKEN (xoxb-...) and SLACK_APP_TOKEN (xapp-...); see README.md.
            ================================================================================

            """);
        // The try-out must start on any machine: unless an address was chosen, the bot's own port is any free one.
        return new LocalSlack(emulator, ownPort: !string.IsNullOrEmpty(configuration["urls"]));
    }

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();

    // The bot ships its Slack manifest beside itself, so the emulator escapes slash commands as the real app would.
    private static EmulatorOptions OptionsFor(int port, string? recordPath)
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, "slack-manifest.yml");
        return new EmulatorOptions { Port = port, SeedDemoWorkspace = true, AppManifestPath = File.Exists(manifest) ? manifest : null, RecordPath = recordPath };
    }
}
