using System.Runtime;

namespace SlackFeedbackBot.Hosting;

/// <summary>
/// Starting allocates a lot that is used once: the builder tables of the Spotlight automaton, the rules compiled for the
/// configuration check, the migrations, the host's own set-up. An idle bot allocates too little to trigger a full
/// collection, so without one that memory would stay committed for as long as the bot stays quiet (about 20 MB,
/// bench/idle-memory.sh). Once the bot is ready, one compacting collection hands it back to the system.
/// </summary>
internal static class StartupGarbage
{
    public static void Release()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
