using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Slack.Inbox;

/// <summary>
/// Receives every request from the transports (record first, then ack), and runs the handlers behind the ack, in two
/// lanes: events in one, the requests a person waits on (commands, shortcuts, buttons, modals) in the other, each with
/// its own workers, so a backlog of events never delays an answer. Requests recorded before a crash are picked up at
/// start, and rows an operator set back to pending within a few seconds. A handler that fails for a reason that will
/// not pass (see <see cref="HandlerFailure"/>) has its request parked at once; any other failure is retried with a
/// growing delay and parked after the last attempt. Either way the error is kept for the operator and the person is told.
/// </summary>
public sealed class SlackInboxProcessor(
    ISlackInbox inbox,
    SlackDispatcher dispatcher,
    ISlackApiClient api,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackInboxProcessor> log,
    SlackInboxMetrics? metrics = null) : BackgroundService, ISlackInboundSink
{
    private static readonly TimeSpan PendingSweepInterval = TimeSpan.FromSeconds(5);

    // On a graceful stop, how long the workers may go on with the requests already taken before they are cancelled.
    private static readonly TimeSpan StopDrainLimit = TimeSpan.FromSeconds(10);

    // A shared inbox: requests claimed per look, and the most this instance takes on while its workers are busy.
    private const int ClaimBatch = 256;
    private const int MaxClaimedInFlight = 1024;

    // A request that failed only because Slack could not be reached is fine: it waits out an outage of about an hour
    // (a retry a minute once the delay reaches its cap) before it is parked for the operator.
    private const int SlackOutageAttempts = 60;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);

    private readonly InboxLane _events = new("events", 8);
    private readonly InboxLane _interactive = new("interactive", 4);
    // Every request received and not yet handled, with when Slack delivered it: the queue's gauges read it.
    private readonly ConcurrentDictionary<long, DateTimeOffset> _inFlight = Observed(new(), metrics, time);
    private readonly FailureNotice _notice = new(api, log);
    // Requests in flight that only wait for their retry's time: a graceful stop does not wait for them.
    private readonly ConcurrentDictionary<long, byte> _awaitingRetry = new();
    private CancellationToken _stopping = CancellationToken.None;
    private volatile bool _draining;

    public async Task<SlackAck> AcceptAsync(SlackInboundRequest request, CancellationToken ct)
    {
        // Ack latency as the transport sees it: from here to the ack being ready (stored, and the reply when one goes in it).
        var started = Stopwatch.GetTimestamp();
        try
        {
            string? secondaryKey = null;
            if (request.Kind == SlackRequestKind.Event)
            {
                var triage = dispatcher.TriageEvent(request.PayloadJson);
                if (!triage.Wanted)
                {
                    await inbox.RecordHandledAsync(request, ct).ConfigureAwait(false);
                    metrics?.Request(request.Kind, InboxOutcomes.NoHandler);
                    if (log.IsEnabled(LogLevel.Debug))
                    {
                        // The dispatcher never sees it, so the request log's line for it is written here.
                        log.LogDebug("Slack {Kind} {Id}, handler -: no handler, stored as handled", request.Kind, request.DedupeKey);
                    }

                    return SlackAck.Empty;
                }

                secondaryKey = triage.SecondaryKey;
            }

            var admission = await inbox.RecordAsync(request, secondaryKey, ct).ConfigureAwait(false);
            if (admission.IsDuplicate)
            {
                metrics?.Request(request.Kind, InboxOutcomes.Duplicate);
                log.LogDebug("Dropped a repeated delivery {DedupeKey} (retry {RetryNum})", request.DedupeKey, request.RetryNum);
                return SlackAck.Empty;
            }

            // The sweep for pending rows can see the row between its commit and this line; then it is queued already.
            if (!_inFlight.TryAdd(admission.Id, request.ReceivedAt))
            {
                return SlackAck.Empty;
            }

            var wantsReply = request.Kind is SlackRequestKind.SlashCommand or SlackRequestKind.ViewSubmission;
            var slot = wantsReply ? new AckSlot() : null;
            Enqueue(new InboxWork(new InboxRecord(admission.Id, request, 0), slot));
            if (slot is null)
            {
                return SlackAck.Empty;
            }

            return new SlackAck(await slot.WaitAsync(options.Value.AckPayloadWait, time, ct).ConfigureAwait(false));
        }
        finally
        {
            metrics?.Acked(request.Kind, started);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        await QueuePendingAsync(atStart: true, stoppingToken);
        await Task.WhenAll(
            _interactive.RunAsync(HandleAsync, stoppingToken),
            _events.RunAsync(HandleAsync, stoppingToken),
            SweepPendingAsync(stoppingToken));
    }

    /// <summary>
    /// A graceful stop: takes no more rows from the shared inbox, gives the workers up to 10 s (and what the host allows)
    /// to finish the requests already taken, cancels the rest, and gives back the leases on what is left, so another
    /// instance handles it at once. The transports stop first (Socket Mode closes as the host begins to stop).
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            limit.CancelAfter(StopDrainLimit);
            try
            {
                while (_inFlight.Count > _awaitingRetry.Count)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(20), limit.Token);
                }
            }
            catch (OperationCanceledException)
            {
                log.LogInformation("Stopping with {Count} Slack requests not yet handled; they stay pending", _inFlight.Count - _awaitingRetry.Count);
            }
        }

        await base.StopAsync(cancellationToken);
        if (inbox is Leases.IReleasesLeases shared)
        {
            await shared.ReleaseHeldAsync();
        }
    }

    private void Enqueue(InboxWork work) =>
        (InboxLane.IsInteractive(work.Record.Request.Kind) ? _interactive : _events).Enqueue(work);

    private async Task QueuePendingAsync(bool atStart, CancellationToken ct)
    {
        if (inbox is ILeasedSlackInbox shared)
        {
            await ClaimAsync(shared, ct);
            return;
        }

        var pending = await inbox.GetPendingAsync(int.MaxValue, ct);
        var fresh = pending.Where(r => _inFlight.TryAdd(r.Id, r.Request.ReceivedAt)).ToList();
        if (fresh.Count > 0)
        {
            log.LogInformation(
                atStart ? "Handling {Count} Slack requests that were received but not handled before the last stop" : "Handling {Count} Slack requests set back to pending",
                fresh.Count);
        }

        foreach (var record in fresh)
        {
            Enqueue(new InboxWork(record, null));
        }
    }

    // In an inbox several instances share, the pending rows are theirs too: this one claims only rows no live lease holds
    // (their instance died, or an operator set them back to pending), a bounded batch at a time so that the others get some.
    private async Task ClaimAsync(ILeasedSlackInbox shared, CancellationToken ct)
    {
        if (_draining)
        {
            return;
        }

        var room = MaxClaimedInFlight - _inFlight.Count;
        if (room <= 0)
        {
            return;
        }

        var claimed = await shared.ClaimAsync(Math.Min(room, ClaimBatch), ct);
        var fresh = claimed.Where(r => _inFlight.TryAdd(r.Id, r.Request.ReceivedAt)).ToList();
        if (fresh.Count > 0)
        {
            log.LogInformation("Took over {Count} Slack requests that no instance was handling", fresh.Count);
        }

        foreach (var record in fresh)
        {
            Enqueue(new InboxWork(record, null));
        }
    }

    // Picks up rows set back to pending from outside (`inbox retry`): only when there are more pending rows than this
    // process has queued, so a backlog costs one COUNT every few seconds, not a reload. A shared inbox claims instead.
    private async Task SweepPendingAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(PendingSweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    if (inbox is ILeasedSlackInbox shared)
                    {
                        await ClaimAsync(shared, ct);
                        continue;
                    }

                    var stats = await inbox.GetStatsAsync(ct);
                    if (stats.Pending > _inFlight.Count)
                    {
                        await QueuePendingAsync(atStart: false, ct);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogWarning(ex, "Could not look for Slack requests set back to pending; looking again in {Interval}", PendingSweepInterval);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task HandleAsync(InboxWork work, CancellationToken ct)
    {
        var record = work.Record;
        var attempt = record.Attempts + 1;
        try
        {
            await dispatcher.DispatchAsync(record.Request, work.Slot, ct);
            await inbox.MarkHandledAsync(record.Id, ct);
            _inFlight.TryRemove(record.Id, out _);
            metrics?.Request(record.Request.Kind, InboxOutcomes.Handled);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            work.Slot?.Close();
            await FailedAsync(record, attempt, ex, ct);
        }
    }

    private async Task FailedAsync(InboxRecord record, int attempt, Exception ex, CancellationToken ct)
    {
        var permanent = HandlerFailure.IsPermanent(ex);
        var waitingForSlack = !permanent && HandlerFailure.IsWaitingForSlack(ex);
        var lastAttempt = options.Value.MaxHandlerAttempts + (waitingForSlack ? SlackOutageAttempts : 0);
        var park = permanent || attempt >= lastAttempt;
        var error = HandlerFailure.Describe(ex);
        var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(4, attempt - 1), MaxRetryDelay.TotalSeconds));

        // The retry's clock starts before the failure is recorded, so whoever sees the new attempt count sees a retry
        // that is already counting down, not one that starts counting later.
        var retryDue = park ? Task.CompletedTask : Task.Delay(delay, time, _stopping);
        try
        {
            await inbox.MarkFailedAsync(record.Id, attempt, error, park, ct);
        }
        catch (InboxLeaseLostException)
        {
            log.LogWarning("Slack request {InboxId} failed after its lease ran out ({Error}); the instance that took it over handles it", record.Id, error);
            _inFlight.TryRemove(record.Id, out _);
            return;
        }
        catch (Exception markFailed) when (markFailed is not OperationCanceledException)
        {
            // The row stays pending as it was; the sweep for pending rows or the next start handles it again.
            log.LogError(markFailed, "Could not record the failure of Slack request {InboxId}", record.Id);
            _inFlight.TryRemove(record.Id, out _);
            return;
        }

        if (park)
        {
            // The dispatcher already logged the exception with its stack; this line says what became of the request.
            if (permanent)
            {
                log.LogError("Parked Slack request {InboxId} ({Kind}) at once, since it fails the same way every time: {Error}", record.Id, record.Request.Kind, error);
            }
            else
            {
                log.LogError("Parked Slack request {InboxId} ({Kind}) after {Attempts} failed attempts: {Error}", record.Id, record.Request.Kind, attempt, error);
            }

            _inFlight.TryRemove(record.Id, out _);
            metrics?.Request(record.Request.Kind, InboxOutcomes.Parked);
            await _notice.TellAsync(record.Request, ct);
            return;
        }

        metrics?.Request(record.Request.Kind, InboxOutcomes.Retried);

        log.LogWarning("Handling Slack request {InboxId} ({Kind}) failed (attempt {Attempt}: {Error}); retrying in {Delay}", record.Id, record.Request.Kind, attempt, error, delay);
        _ = RetryWhenDueAsync(record with { Attempts = attempt }, retryDue);
    }

    private static ConcurrentDictionary<long, DateTimeOffset> Observed(
        ConcurrentDictionary<long, DateTimeOffset> inFlight, SlackInboxMetrics? meters, TimeProvider clock)
    {
        meters?.ObserveQueue(() => inFlight.Count, () => OldestAgeSeconds(inFlight, clock));
        return inFlight;
    }

    // A scan at collection time (every scrape), never on a request's path.
    private static double OldestAgeSeconds(ConcurrentDictionary<long, DateTimeOffset> inFlight, TimeProvider clock)
    {
        var oldest = DateTimeOffset.MaxValue;
        foreach (var (_, receivedAt) in inFlight)
        {
            if (receivedAt < oldest)
            {
                oldest = receivedAt;
            }
        }

        return oldest == DateTimeOffset.MaxValue ? 0 : Math.Max(0, (clock.GetUtcNow() - oldest).TotalSeconds);
    }

    private async Task RetryWhenDueAsync(InboxRecord record, Task due)
    {
        _awaitingRetry.TryAdd(record.Id, 0);
        try
        {
            await due;
            _awaitingRetry.TryRemove(record.Id, out _);
            Enqueue(new InboxWork(record, null));
        }
        catch (OperationCanceledException)
        {
            // Still pending in the inbox: retried at the next start.
            _awaitingRetry.TryRemove(record.Id, out _);
        }
    }
}
