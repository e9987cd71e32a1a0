using System.Diagnostics.Metrics;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Slack.Observability;

/// <summary>
/// What the Slack layer's meters share: every meter's name starts with <see cref="MeterPrefix"/> (so a host listens to
/// all of them with one wildcard), request kinds are labelled with fixed snake_case strings (no string built per
/// request), and durations are seconds with buckets that fit a chat bot (1 ms to 10 s) rather than the SDK's defaults.
/// </summary>
public static class MetricConventions
{
    public const string MeterPrefix = "SlackFeedbackBot";

    private static readonly string[] KindNames = Enum.GetValues<SlackRequestKind>().Select(SnakeCase).ToArray();

    /// <summary>Bucket bounds, in seconds, of every duration histogram.</summary>
    public static readonly InstrumentAdvice<double> DurationAdvice = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    /// <summary>The label value of a request kind: event, slash_command, block_actions, view_submission …</summary>
    public static string KindName(SlackRequestKind kind) =>
        (uint)kind < (uint)KindNames.Length ? KindNames[(int)kind] : "unknown";

    private static string SnakeCase(SlackRequestKind kind) =>
        string.Concat(kind.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
