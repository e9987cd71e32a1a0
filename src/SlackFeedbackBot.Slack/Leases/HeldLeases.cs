using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SlackFeedbackBot.Slack.Leases;

/// <summary>
/// The rows one instance holds under a lease in a shared table, renewed every third of the lease on the app's clock: a
/// live instance keeps what it works on however long that takes, and one that died loses it within one lease. One that
/// stops gracefully gives back what it still holds (<see cref="ReleaseAllAsync"/>), so another instance takes it at once.
/// </summary>
internal sealed class HeldLeases : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, byte> _held = new();
    private readonly Func<long[], Task<IReadOnlyCollection<long>>> _renew;
    private readonly Func<long[], Task<int>> _release;
    private readonly ILogger _log;
    private readonly string _what;
    private readonly ITimer _timer;
    private int _renewing;

    /// <param name="renew">Extends the leases on the given rows and answers those this instance still held.</param>
    /// <param name="release">Ends the leases on the given rows now (those this instance still holds); answers how many.</param>
    /// <param name="what">What the rows are, for the log ("Slack requests").</param>
    public HeldLeases(
        TimeProvider time, TimeSpan lease, Func<long[], Task<IReadOnlyCollection<long>>> renew, Func<long[], Task<int>> release, ILogger log, string what)
    {
        _renew = renew;
        _release = release;
        _log = log;
        _what = what;
        _timer = time.CreateTimer(_ => _ = RenewAsync(), null, lease / 3, lease / 3);
    }

    public int Count => _held.Count;

    public void Hold(long id) => _held.TryAdd(id, 0);

    public void Release(long id) => _held.TryRemove(id, out _);

    /// <summary>Renews every lease held now; the timer calls it, and a test may.</summary>
    public async Task RenewAsync()
    {
        if (Interlocked.Exchange(ref _renewing, 1) == 1)
        {
            return;
        }

        try
        {
            var ids = _held.Keys.ToArray();
            if (ids.Length == 0)
            {
                return;
            }

            var kept = (await _renew(ids)).ToHashSet();
            var lost = ids.Where(id => !kept.Contains(id) && _held.TryRemove(id, out _)).ToList();
            if (lost.Count > 0)
            {
                _log.LogDebug("{Count} {What} are no longer this instance's (done meanwhile, or taken over after their lease ran out)", lost.Count, _what);
            }
        }
        catch (Exception ex)
        {
            _log.LogWarning(ex, "Could not renew the leases on {Count} {What}; trying again in a third of the lease", _held.Count, _what);
        }
        finally
        {
            Volatile.Write(ref _renewing, 0);
        }
    }

    /// <summary>Stops renewing and ends every lease held now, for a graceful stop; a failure is logged (the leases then run out).</summary>
    public async Task ReleaseAllAsync()
    {
        await _timer.DisposeAsync();
        var ids = _held.Keys.ToArray();
        _held.Clear();
        if (ids.Length == 0)
        {
            return;
        }

        try
        {
            var released = await _release(ids);
            _log.LogInformation("Gave back {Count} {What} this instance held, for the other instances to take at once", released, _what);
        }
        catch (Exception ex)
        {
            _log.LogWarning(ex, "Could not give back the leases on {Count} {What}; the other instances take them when the leases run out", ids.Length, _what);
        }
    }

    public ValueTask DisposeAsync() => _timer.DisposeAsync();
}
