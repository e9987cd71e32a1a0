namespace SlackFeedbackBot.Emulator;

public sealed class EmulatorOptions
{
    /// <summary>Loopback port to listen on; 0 picks any free port.</summary>
    public int Port { get; set; }

    /// <summary>Seed six users across time zones, #general, #customer-feedback, #support and @support-now. Otherwise only the bot, one user and #general exist.</summary>
    public bool SeedDemoWorkspace { get; set; }

    /// <summary>Clock for message timestamps, request signing timestamps and trigger expiry.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How long a delivery waits for the app's ack (Socket Mode envelope ack or HTTP response).</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often an unacknowledged Events API delivery is retried (Slack: 3).</summary>
    public int MaxEventRetries { get; set; } = 3;

    /// <summary>Time between a disconnect message and the emulator closing that socket (Slack: about 10 s for "warning").</summary>
    public TimeSpan DisconnectGracePeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a trigger_id may be used: 3 s, as in Slack, so an app that is slow to open its modal fails here too.</summary>
    public TimeSpan TriggerIdLifetime { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The app manifest whose slash_commands say which commands Slack escapes (should_escape). Null looks for the
    /// repository's deploy/slack/manifest.yml above the working directory and the emulator's own directory.
    /// </summary>
    public string? AppManifestPath { get; set; }

    /// <summary>should_escape per command (e.g. ["/feedback"] = true), over what the manifest says.</summary>
    public IDictionary<string, bool> SlashCommandEscaping { get; set; } = new Dictionary<string, bool>(StringComparer.Ordinal);

    /// <summary>Deliver the bot's own chat.postMessage posts back to it as message events, as Slack does.</summary>
    public bool EchoBotMessages { get; set; } = true;

    /// <summary>Fixed credentials (e.g. for a standalone run the bot is configured against); random when null.</summary>
    public string? BotToken { get; set; }
    public string? AppToken { get; set; }
    public string? SigningSecret { get; set; }

    /// <summary>Where to POST signed deliveries; null delivers over Socket Mode.</summary>
    public Uri? HttpDeliveryUrl { get; set; }

    /// <summary>The scopes the bot token has (sent in the x-oauth-scopes header, as Slack does).</summary>
    public IReadOnlyList<string> BotScopes { get; set; } =
    [
        "app_mentions:read", "channels:history", "channels:read", "channels:write.topic", "chat:write", "commands", "files:write",
        "groups:history", "groups:read", "groups:write.topic", "im:history", "im:write", "reactions:read", "reactions:write", "usergroups:read",
        "usergroups:write", "users:read", "users:read.email",
    ];

    /// <summary>
    /// A JSONL file to record every Web API call, delivery, ack and response_url post to (see <see cref="Recording.TrafficRecorder"/>).
    /// When null, the SLACK_EMULATOR_RECORD_DIR environment variable, if set, names a directory to record a new file in.
    /// </summary>
    public string? RecordPath { get; set; }

    /// <summary>
    /// A JSON file that keeps the workspace's channels and messages across restarts (<see cref="Workspace.WorkspaceFile"/>);
    /// null keeps them in memory only.
    /// </summary>
    public string? WorkspacePath { get; set; }

    /// <summary>A note in mrkdwn the web page shows on a person's first visit (who is who, what to try); none when null.</summary>
    public string? Welcome { get; set; }

    /// <summary>Where the emulator logs (errors in emulated methods, odd socket messages); silent when null.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; set; }
}
