namespace SlackFeedbackBot.Slack.Api;

/// <summary>
/// Lets a caller that schedules its own retries (the outbox) take a rate limit or a transient failure as the answer at
/// once, instead of the resilience pipeline waiting it out inside the call while a thread waits with it.
/// </summary>
public static class SlackCallRetries
{
    private static readonly AsyncLocal<bool> Deferred = new();

    /// <summary>True inside <see cref="Defer"/>: the pipeline makes one attempt and leaves waiting to the caller.</summary>
    public static bool AreDeferred => Deferred.Value;

    /// <summary>Until disposed, Slack calls on this async flow are tried once (with the attempt timeout).</summary>
    public static IDisposable Defer()
    {
        var before = Deferred.Value;
        Deferred.Value = true;
        return new Restore(before);
    }

    private sealed class Restore(bool before) : IDisposable
    {
        public void Dispose() => Deferred.Value = before;
    }
}
