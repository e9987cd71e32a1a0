using System.Globalization;

namespace SlackFeedbackBot.Scheduling;

/// <summary>
/// The name a clustered scheduler checks in and holds triggers under. It must differ between every pair of live
/// instances (two sharing one read each other's firings as their own), so it carries the machine, the process and a
/// random part for several schedulers in one process; a restart gets a new one, and the old one is recovered as dead.
/// </summary>
public static class ClusterInstanceId
{
    public static string ForThisProcess() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
}
