using System.Diagnostics.Metrics;

namespace SlackFeedbackBot.Feedback;

/// <summary>Feedback captured, by path (command, modal, reaction, passive …) and Spotlight bucket, on the meter <see cref="MeterName"/>.</summary>
public sealed class FeedbackMetrics(IMeterFactory meters)
{
    public const string MeterName = "SlackFeedbackBot.Feedback";

    private readonly Counter<long> _captured = meters.Create(MeterName).CreateCounter<long>(
        "slackfeedbackbot.feedback.captured", "{item}",
        "Feedback items captured (new items; a second report of the same message is not counted), by path and bucket.");

    internal void Captured(string path, string bucket) =>
        _captured.Add(1, new KeyValuePair<string, object?>("path", path), new KeyValuePair<string, object?>("bucket", bucket));
}
