namespace SlackFeedbackBot.Slack.Transports.SocketMode;

/// <summary>How the Socket Mode link is doing, for health checks.</summary>
public interface ISocketModeStatus
{
    /// <summary>True when the app runs in Socket Mode (Slack:Mode=Socket).</summary>
    bool IsEnabled { get; }

    /// <summary>Connections that said hello and are still open.</summary>
    int OpenConnections { get; }

    /// <summary>
    /// The app's connections in total, as Slack counted them in the last hello (num_connections): every copy running
    /// with the same app token. More than <see cref="OpenConnections"/> means another copy takes a share of the events.
    /// </summary>
    int? AppConnections { get; }

    /// <summary>When a connection last said hello.</summary>
    DateTimeOffset? LastConnectedAt { get; }

    /// <summary>Why the client gave up for good (Socket Mode turned off, the app token refused); null while it keeps trying.</summary>
    string? StoppedReason { get; }
}
