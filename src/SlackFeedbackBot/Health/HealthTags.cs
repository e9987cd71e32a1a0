namespace SlackFeedbackBot.Health;

/// <summary>
/// The tags that put a check on an endpoint: <see cref="Live"/> on <c>/healthz/live</c> (the process works),
/// <see cref="Ready"/> on <c>/healthz/ready</c> (it can serve). <c>/healthz</c> runs every check.
/// </summary>
public static class HealthTags
{
    public const string Live = "live";

    public const string Ready = "ready";
}
