namespace SlackFeedbackBot.Emulator;

/// <summary>An append-only, thread-safe record that tests can wait on: a wait matches past entries as well as future ones.</summary>
/// <param name="added">Told of each new entry (not of replacements), e.g. to record it.</param>
public sealed class WaitableLog<T>(Action<T>? added = null) where T : class
{
    private readonly Lock _gate = new();
    private readonly List<T> _entries = [];
    private readonly List<(Func<T, bool> Match, TaskCompletionSource<T> Done)> _waiters = [];

    public IReadOnlyList<T> All { get { lock (_gate) return _entries.ToList(); } }

    public int Count { get { lock (_gate) return _entries.Count; } }

    public void Add(T entry)
    {
        List<TaskCompletionSource<T>> satisfied = [];
        lock (_gate)
        {
            _entries.Add(entry);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (!_waiters[i].Match(entry)) continue;
                satisfied.Add(_waiters[i].Done);
                _waiters.RemoveAt(i);
            }
        }
        added?.Invoke(entry);
        foreach (var done in satisfied) done.TrySetResult(entry);
    }

    /// <summary>Replaces an entry (e.g. when a delivery attempt's status changes) and lets waiters see the new version.</summary>
    public void Replace(T old, T updated)
    {
        List<TaskCompletionSource<T>> satisfied = [];
        lock (_gate)
        {
            var index = _entries.IndexOf(old);
            if (index < 0) _entries.Add(updated);
            else _entries[index] = updated;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (!_waiters[i].Match(updated)) continue;
                satisfied.Add(_waiters[i].Done);
                _waiters.RemoveAt(i);
            }
        }
        foreach (var done in satisfied) done.TrySetResult(updated);
    }

    /// <param name="what">Named in the timeout message, e.g. "chat.postMessage call".</param>
    public async Task<T> WaitForAsync(Func<T, bool> match, TimeSpan timeout, string what, CancellationToken ct = default)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = (match, done);
        lock (_gate)
        {
            var existing = _entries.FirstOrDefault(match);
            if (existing is not null) return existing;
            _waiters.Add(waiter);
        }
        try
        {
            return await done.Task.WaitAsync(timeout, ct);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            lock (_gate) _waiters.Remove(waiter);
            if (e is OperationCanceledException) throw;
            var seen = All;
            var list = seen.Count == 0 ? "  (none)" : string.Join(Environment.NewLine, seen.Select(s => "  " + s));
            throw new TimeoutException($"No matching {what} within {timeout.TotalSeconds:0.#} s. Recorded so far:{Environment.NewLine}{list}");
        }
    }
}
