using System.Diagnostics.Metrics;

namespace SlackFeedbackBot.Slack.Transports.SocketMode;

/// <summary>The Socket Mode link on the meter <see cref="MeterName"/>: open connections, each hello, each reconnect and why.</summary>
public sealed class SocketModeMetrics
{
    public const string MeterName = "SlackFeedbackBot.Slack.SocketMode";

    private readonly Meter _meter;
    private readonly Counter<long> _connects;
    private readonly Counter<long> _reconnects;

    public SocketModeMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _connects = _meter.CreateCounter<long>("slackfeedbackbot.socket_mode.connects", "{connection}", "Socket Mode connections opened (Slack said hello).");
        _reconnects = _meter.CreateCounter<long>("slackfeedbackbot.socket_mode.reconnects", "{connection}", "Connections replaced, by reason: dropped (closed without notice) or the reason in Slack's disconnect message (refresh_requested, warning …).");
    }

    internal void Observe(Func<int> openConnections) =>
        _meter.CreateObservableGauge("slackfeedbackbot.socket_mode.connections", openConnections, "{connection}", "Socket Mode connections open now (said hello, not closed).");

    internal void Connected() => _connects.Add(1);

    internal void Reconnecting(string reason) => _reconnects.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
