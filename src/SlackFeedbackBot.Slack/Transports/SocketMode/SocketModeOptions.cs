namespace SlackFeedbackBot.Slack.Transports.SocketMode;

/// <summary>Timings of the Socket Mode client, bound from <c>Slack:SocketMode</c>; the defaults suit Slack.</summary>
public sealed class SocketModeOptions
{
    public const string Section = "Slack:SocketMode";

    /// <summary>First reconnect delay; doubles per consecutive failure, with jitter.</summary>
    public TimeSpan ReconnectBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest reconnect delay.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a WebSocket ping goes out, so a dead link is noticed.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for the pong before the connection counts as dead.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a new connection may take to say hello before it is given up and retried.</summary>
    public TimeSpan HelloTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long closing a connection may wait for pending acks and the close handshake.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest message accepted from Slack; a larger one drops the connection.</summary>
    public int MaxMessageBytes { get; set; } = 4 * 1024 * 1024;
}
