namespace SlackFeedbackBot.Slack.Leases;

/// <summary>Who holds a lease, and for how long one lasts without a renewal.</summary>
public sealed record LeaseHolder(string InstanceId, TimeSpan Duration)
{
    /// <summary>The configured name (<c>Slack:InstanceId</c>), else host name, process id and a random suffix: two
    /// processes never share a name, and a restarted one does not mistake its predecessor's leases for its own.</summary>
    public static LeaseHolder From(SlackOptions options) => new(
        string.IsNullOrWhiteSpace(options.InstanceId)
            ? $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}"
            : options.InstanceId.Trim(),
        options.LeaseDuration);
}
