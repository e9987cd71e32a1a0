namespace SlackFeedbackBot.Observability;

/// <summary>Settings of section <c>Metrics</c>: the Prometheus endpoint on the bot's HTTP listener.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>The path Prometheus scrapes.</summary>
    public const string Path = "/metrics";

    /// <summary>Serve <c>/metrics</c> (Prometheus text format). Off: no endpoint (404) and no metrics collected at all.</summary>
    public bool Enabled { get; set; } = true;
}
