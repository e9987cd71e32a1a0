using Microsoft.Extensions.Options;

namespace SlackFeedbackBot.Slack.Api;

/// <summary>
/// Hands out posting slots per channel, one every <see cref="SlackPostPacingOptions.IntervalPerChannel"/>, so a burst
/// to one channel is spread out while other channels are not held up. Nobody waits here: the outbox asks for a slot
/// and, when it lies ahead, schedules the post for it.
/// </summary>
public sealed class ChannelPostPacer(TimeProvider time, IOptions<SlackPostPacingOptions> options)
{
    private const int InitialPruneThreshold = 1024;

    private readonly Dictionary<string, DateTimeOffset> _nextSlot = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _pruneThreshold = InitialPruneThreshold;

    /// <summary>Takes the next slot of <paramref name="channel"/> and returns how long until it comes (zero: post now).</summary>
    public TimeSpan Reserve(string channel)
    {
        var interval = options.Value.IntervalPerChannel;
        if (interval <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        lock (_lock)
        {
            var now = time.GetUtcNow();
            var slot = _nextSlot.TryGetValue(channel, out var next) && next > now ? next : now;
            _nextSlot[channel] = slot + interval;
            PruneIfLarge(now);
            return slot - now;
        }
    }

    /// <summary>Slack rate-limited a post to <paramref name="channel"/>: no slot before <paramref name="wait"/> from now.</summary>
    public void Hold(string channel, TimeSpan wait)
    {
        lock (_lock)
        {
            var until = time.GetUtcNow() + wait;
            if (!_nextSlot.TryGetValue(channel, out var next) || next < until)
            {
                _nextSlot[channel] = until;
            }
        }
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
