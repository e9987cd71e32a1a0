using System.Diagnostics.Metrics;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Observability;

namespace SlackFeedbackBot.Slack.Dispatch;

/// <summary>How long handlers take, by request kind, handler (class name) and outcome, on the meter <see cref="MeterName"/>.</summary>
public sealed class SlackDispatchMetrics(IMeterFactory meters)
{
    public const string MeterName = "SlackFeedbackBot.Slack.Dispatch";

    private readonly Histogram<double> _duration = meters.Create(MeterName).CreateHistogram<double>(
        "slackfeedbackbot.handler.duration", "s",
        "One request through the middleware and its handler, by kind, handler and outcome (handled, ignored, failed, cancelled).",
        advice: MetricConventions.DurationAdvice);

    internal void Handled(SlackRequestKind kind, string? handler, string outcome, double seconds) =>
        _duration.Record(
            seconds,
            new KeyValuePair<string, object?>("kind", MetricConventions.KindName(kind)),
            new KeyValuePair<string, object?>("handler", handler ?? "none"),
            new KeyValuePair<string, object?>("outcome", outcome));
}
