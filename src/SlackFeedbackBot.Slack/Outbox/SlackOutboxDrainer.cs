using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Slack.Outbox;

/// <summary>
/// Runs the outbox's due tasks, up to <see cref="SlackOutboxOptions.Concurrency"/> at a time. A post whose channel slot
/// lies ahead is given that slot as its next attempt and goes back to the table; a rate limit or a failure reschedules
/// its task the same way. Nothing waits in a thread: every wait is a time in <c>next_attempt_at</c>.
/// </summary>
public sealed class SlackOutboxDrainer : BackgroundService
{
    private const int DueBatch = 256;
    private static readonly TimeSpan LongestIdle = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromMinutes(10);

    private readonly IOutboxStore _store;
    private readonly IReadOnlyDictionary<string, IOutboxTaskHandler> _handlers;
    private readonly ChannelPostPacer _pacer;
    private readonly TimeProvider _time;
    private readonly IOptions<SlackOutboxOptions> _options;
    private readonly ILogger<SlackOutboxDrainer> _log;
    private readonly SlackOutboxMetrics? _metrics;
    private readonly ConcurrentDictionary<long, Task> _running = new();
    private readonly ConcurrentDictionary<long, DateTimeOffset> _slots = new();
    private readonly Lock _signalLock = new();
    private TaskCompletionSource _signal = NewSignal();

    public SlackOutboxDrainer(
        IOutboxStore store,
        IEnumerable<IOutboxTaskHandler> handlers,
        ChannelPostPacer pacer,
        OutboxClock clock,
        IOptions<SlackOutboxOptions> options,
        ILogger<SlackOutboxDrainer> log,
        SlackOutboxMetrics? metrics = null)
    {
        _metrics = metrics;
        _store = store;
        _pacer = pacer;
        _time = clock.Time;
        _options = options;
        _log = log;
        var byKind = new Dictionary<string, IOutboxTaskHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            if (!byKind.TryAdd(handler.Kind, handler) && byKind[handler.Kind].GetType() != handler.GetType())
            {
                throw new InvalidOperationException($"Two outbox handlers take the kind '{handler.Kind}': {byKind[handler.Kind].GetType().Name} and {handler.GetType().Name}.");
            }
        }

        _handlers = byKind;
    }

    /// <summary>Runs every task due now and waits for them (for a caller that drives the outbox itself). Returns how many ran.</summary>
    public async Task<int> RunDueNowAsync(CancellationToken ct = default)
    {
        var total = 0;
        while (true)
        {
            var started = await StartDueAsync(ct);
            if (started.Count == 0)
            {
                return total;
            }

            await Task.WhenAll(started);
            total += started.Count;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _store.Enqueued += Wake;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var signal = TakeSignal();
                TimeSpan idle;
                try
                {
                    await StartDueAsync(stoppingToken);
                    idle = await IdleTimeAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    _log.LogWarning(ex, "The outbox could not read its tasks; it tries again shortly");
                    idle = LongestIdle;
                }

                if (idle > TimeSpan.Zero)
                {
                    using var delay = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    await Task.WhenAny(signal, Task.Delay(idle, _time, delay.Token));
                    await delay.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _store.Enqueued -= Wake;

            // A call in flight finishes and is recorded, so it is not sent again after the restart.
            await Task.WhenAll(_running.Values);
        }
    }

    /// <summary>Stops taking tasks, lets the calls in flight finish and be recorded, then gives back any lease still held.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_store is Leases.IReleasesLeases shared)
        {
            await shared.ReleaseHeldAsync();
        }
    }

    private async Task<List<Task>> StartDueAsync(CancellationToken ct)
    {
        var started = new List<Task>();
        var concurrency = _options.Value.Concurrency;
        if (_running.Count >= concurrency)
        {
            return started;
        }

        var due = await _store.DueAsync(DueBatch, [.. _running.Keys], ct);
        var now = _time.GetUtcNow();
        for (var i = 0; i < due.Count; i++)
        {
            var task = due[i];
            if (_running.Count >= concurrency)
            {
                // A shared store leased these to this instance: give them back for the others rather than hold them idle.
                await _store.ReleaseAsync([.. due.Skip(i).Select(t => t.Id)]);
                break;
            }

            if (task.PacingChannel is { } channel && SlotAhead(task.Id, channel, now) is { } slot)
            {
                await _store.RescheduleAsync(task.Id, slot, null);
                continue;
            }

            var run = new TaskCompletionSource();
            if (_running.TryAdd(task.Id, run.Task))
            {
                started.Add(run.Task);
                _ = RunAsync(task, run);
            }
        }

        return started;
    }

    /// <summary>Null when the task may post to <paramref name="channel"/> now; otherwise the slot it holds from now on.</summary>
    private DateTimeOffset? SlotAhead(long id, string channel, DateTimeOffset now)
    {
        if (_slots.TryGetValue(id, out var held))
        {
            if (held <= now)
            {
                _slots.TryRemove(id, out _);
                return null;
            }

            return held;
        }

        var wait = _pacer.Reserve(channel);
        if (wait <= TimeSpan.Zero)
        {
            return null;
        }

        var slot = RoundUpToMillisecond(now + wait);
        _slots[id] = slot;
        return slot;
    }

    private async Task RunAsync(DueTask due, TaskCompletionSource finished)
    {
        try
        {
            await Task.Yield();
            if (!_handlers.TryGetValue(due.Kind, out var handler))
            {
                _log.LogError("Outbox task {Key} failed for good: no handler takes its kind {Kind}", due.Key, due.Kind);
                await RecordAsync(() => _store.FailAsync(due.Id, $"unknown kind {due.Kind}"));
                _metrics?.Failed(due.Kind, due.Key);
                return;
            }

            string? result;
            try
            {
                // Durable before the call goes out: a crash after Slack took it leaves the task in doubt, not merely pending.
                await _store.MarkSendingAsync(due.Id);

                // The outbox reschedules a rate limit or a failure itself; nothing waits inside the call.
                using (SlackCallRetries.Defer())
                {
                    result = await handler.RunAsync(due.Context(), CancellationToken.None);
                }
            }
            catch (OutboxLeaseLostException)
            {
                _log.LogInformation("Outbox task {Key} was taken over by another instance after its lease ran out; not sent from here", due.Key);
                return;
            }
            catch (Exception ex)
            {
                await RecordAsync(() => FailedAttemptAsync(due, ex));
                return;
            }

            await RecordAsync(() => _store.CompleteAsync(due.Id, result));
            _metrics?.Sent(due.Kind, due.Key);
        }
        finally
        {
            _running.TryRemove(due.Id, out _);
            finished.TrySetResult();
            Wake();
        }
    }

    private Task FailedAttemptAsync(DueTask due, Exception ex)
    {
        var error = OutboxFailures.Describe(ex);
        var attempt = due.Attempts + 1;
        switch (OutboxFailures.Classify(ex))
        {
            case OutboxFailureKind.RateLimited:
            {
                var wait = ex is SlackApiException { RetryAfter: { } after } ? Clamp(after, TimeSpan.Zero, LongestRetryAfter) : DefaultRetryAfter;
                if (due.PacingChannel is { } channel)
                {
                    _pacer.Hold(channel, wait);
                }

                _log.LogInformation("Outbox task {Key} was rate limited; it goes again in {Wait}", due.Key, wait);
                _metrics?.Retried(due.Kind, due.Key, "rate_limited");
                return _store.RescheduleAsync(due.Id, RoundUpToMillisecond(_time.GetUtcNow() + wait), error, settled: ex is SlackApiException { Method: "chat.postMessage" });
            }

            case OutboxFailureKind.Permanent:
                _log.LogWarning("Outbox task {Key} ({Kind}) failed for good: {Error}", due.Key, due.Kind, error);
                _metrics?.Failed(due.Kind, due.Key);
                return _store.FailAsync(due.Id, error);

            default:
            {
                var wait = Backoff(attempt);
                _metrics?.Retried(due.Kind, due.Key, "transient");
                if (attempt == 1 || attempt % 10 == 0)
                {
                    _log.LogWarning("Outbox task {Key} failed ({Error}, attempt {Attempt}); it goes again in {Wait}", due.Key, error, attempt, wait);
                }

                return _store.RescheduleAsync(due.Id, RoundUpToMillisecond(_time.GetUtcNow() + wait), error);
            }
        }
    }

    /// <summary>Doubling from the base delay up to the cap, with a little jitter so a recovered Slack is not hit all at once.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var options = _options.Value;
        var doubled = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(doubled, options.RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }

    // What Slack did must be recorded: a busy database gets a few more tries before the task is left pending.
    private async Task RecordAsync(Func<Task> write)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await write();
                return;
            }
            catch (Exception ex) when (attempt < 5)
            {
                _log.LogDebug(ex, "Recording an outbox result failed; trying again");
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), TimeProvider.System);
            }
            catch (Exception ex)
            {
                _log.LogError(ex, "Could not record an outbox result; the task stays pending and may run again");
                return;
            }
        }
    }

    private async Task<TimeSpan> IdleTimeAsync(CancellationToken ct)
    {
        if (_running.Count >= _options.Value.Concurrency)
        {
            return LongestIdle;
        }

        var next = await _store.NextDueAsync([.. _running.Keys], ct);
        if (next is not { } due)
        {
            return LongestIdle;
        }

        return Clamp(due - _time.GetUtcNow(), TimeSpan.Zero, LongestIdle);
    }

    private void Wake()
    {
        lock (_signalLock)
        {
            _signal.TrySetResult();
        }
    }

    private Task TakeSignal()
    {
        lock (_signalLock)
        {
            if (_signal.Task.IsCompleted)
            {
                _signal = NewSignal();
            }

            return _signal.Task;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;

    private static DateTimeOffset RoundUpToMillisecond(DateTimeOffset at)
    {
        var ms = at.ToUnixTimeMilliseconds();
        var truncated = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return truncated < at ? truncated.AddMilliseconds(1) : truncated;
    }
}
