namespace SlackFeedbackBot.Slack;

public enum SlackMode
{
    Socket,
    Http,
}

/// <summary>Settings bound from the <c>Slack</c> section; SLACK_BOT_TOKEN, SLACK_APP_TOKEN and SLACK_SIGNING_SECRET map onto it.</summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    public SlackMode Mode { get; set; } = SlackMode.Socket;

    /// <summary>Bot token (xoxb-...), used for every Web API call.</summary>
    public string? BotToken { get; set; }

    /// <summary>App-level token (xapp-...) with connections:write, needed in Socket Mode.</summary>
    public string? AppToken { get; set; }

    /// <summary>Signing secret, needed in HTTP mode to verify requests.</summary>
    public string? SigningSecret { get; set; }

    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>Socket Mode connections kept open at once (Slack allows up to 10).</summary>
    public int SocketConnections { get; set; } = 2;

    /// <summary>Delay between opening the Socket Mode connections so they do not all refresh together.</summary>
    public TimeSpan SocketConnectionStagger { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a slash command or view submission handler may take before the ack goes out without its reply.</summary>
    public TimeSpan AckPayloadWait { get; set; } = TimeSpan.FromMilliseconds(2500);

    /// <summary>Attempts a handler gets before its request is parked.</summary>
    public int MaxHandlerAttempts { get; set; } = 4;

    /// <summary>How long a parked request is kept for the operator (and keeps /healthz degraded) after it was parked.</summary>
    public TimeSpan ParkedRetention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long handled requests are kept after they arrived, so that Slack's retries of them are recognised and dropped.</summary>
    public TimeSpan HandledRetention { get; set; } = TimeSpan.FromDays(2);

    /// <summary>This instance's name on the leases it holds in a shared (PostgreSQL) inbox and outbox. Empty: host name, process id
    /// and a random suffix, new at every start.</summary>
    public string? InstanceId { get; set; }

    /// <summary>How long a request or outbox task claimed by an instance stays its own without a renewal; a live instance
    /// renews it every third of this, so one that died loses its work to the others within this time. PostgreSQL only.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Workspace (team id) the bot serves; requests from other workspaces are refused. Empty: learned from auth.test.</summary>
    public string? TeamId { get; set; }
}
