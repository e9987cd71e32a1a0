using Microsoft.Extensions.Options;

namespace SlackFeedbackBot.Slack.Api;

/// <summary>
/// Hands out posting slots per channel, one every <see cref="SlackPostPacingOptions.IntervalPerChannel"/>, so a burst
/// to one channel is spread out while other channels are not held up.
/// </summary>
public sealed class ChannelPostPacer(TimeProvider time, IOptions<SlackPostPacingOptions> options)
{
    private const int InitialPruneThreshold = 1024;

    private readonly Dictionary<string, DateTimeOffset> _nextSlot = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _pruneThreshold = InitialPruneThreshold;

    /// <summary>Completes when this post to <paramref name="channel"/> may go out.</summary>
    public Task WaitTurnAsync(string channel, CancellationToken ct = default)
    {
        var interval = options.Value.IntervalPerChannel;
        if (interval <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        TimeSpan wait;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var slot = _nextSlot.TryGetValue(channel, out var next) && next > now ? next : now;
            _nextSlot[channel] = slot + interval;
            wait = slot - now;
            PruneIfLarge(now);
        }

        return wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, time, ct);
    }

    // Channels whose next slot has passed need no memory; dropping them keeps the map at the busy channels.
    private void PruneIfLarge(DateTimeOffset now)
    {
        if (_nextSlot.Count <= _pruneThreshold)
        {
            return;
        }

        foreach (var (channel, next) in _nextSlot)
        {
            if (next <= now)
            {
                _nextSlot.Remove(channel);
            }
        }

        _pruneThreshold = Math.Max(InitialPruneThreshold, _nextSlot.Count * 2);
    }
}
