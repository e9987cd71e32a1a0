namespace SlackFeedbackBot.Slack.Leases;

/// <summary>
/// A shared store whose rows this instance holds under leases. On a graceful stop, once its workers are done, the
/// instance gives back what it still holds (the lease ends now) so another instance takes it at once instead of
/// after the lease; a crash gives nothing back, and the leases run out. Disposing alone is such a crash.
/// </summary>
public interface IReleasesLeases
{
    /// <summary>Ends the leases this instance holds now; does not throw (a failure is logged, the leases run out).</summary>
    Task ReleaseHeldAsync();
}
