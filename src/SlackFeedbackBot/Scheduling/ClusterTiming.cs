namespace SlackFeedbackBot.Scheduling;

/// <summary>
/// How a clustered scheduler on PostgreSQL tells the others it is alive: it checks in every
/// <see cref="CheckinInterval"/>, and one that has not checked in for <see cref="CheckinMisfireThreshold"/> past that is
/// taken for dead, so another instance recovers the triggers it held.
/// </summary>
public sealed record ClusterTiming(TimeSpan CheckinInterval, TimeSpan CheckinMisfireThreshold)
{
    /// <summary>
    /// Ten seconds, and twenty of grace: an instance that dies is noticed within about half a minute, and a garbage
    /// collection or a slow database round trip never gets a live instance declared dead (its work would run twice).
    /// </summary>
    public static readonly ClusterTiming Default = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));
}
