using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Slack.Inbox;

/// <summary>
/// Receives every request from the transports (record first, then ack), and runs the handlers behind the ack:
/// requests recorded before a crash are picked up at start; a handler that throws is retried with a growing
/// delay and parked after the last attempt, with its error kept for the operator.
/// </summary>
public sealed class SlackInboxProcessor(
    ISlackInbox inbox,
    SlackDispatcher dispatcher,
    ISlackApiClient api,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackInboxProcessor> log) : BackgroundService, ISlackInboundSink
{
    private const int Workers = 8;
    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>();
    private readonly ConcurrentDictionary<long, byte> _inFlight = new();
    private CancellationToken _stopping = CancellationToken.None;

    public async Task<SlackAck> AcceptAsync(SlackInboundRequest request, CancellationToken ct)
    {
        string? secondaryKey = null;
        if (request.Kind == SlackRequestKind.Event)
        {
            var triage = dispatcher.TriageEvent(request.PayloadJson);
            if (!triage.Wanted)
            {
                await inbox.RecordHandledAsync(request, ct).ConfigureAwait(false);
                return SlackAck.Empty;
            }

            secondaryKey = triage.SecondaryKey;
        }

        var admission = await inbox.RecordAsync(request, secondaryKey, ct).ConfigureAwait(false);
        if (admission.IsDuplicate)
        {
            log.LogDebug("Dropped a repeated delivery {DedupeKey} (retry {RetryNum})", request.DedupeKey, request.RetryNum);
            return SlackAck.Empty;
        }

        var wantsReply = request.Kind is SlackRequestKind.SlashCommand or SlackRequestKind.ViewSubmission;
        var slot = wantsReply ? new AckSlot() : null;
        _inFlight.TryAdd(admission.Id, 0);
        _queue.Writer.TryWrite(new Work(new InboxRecord(admission.Id, request, 0), slot));
        if (slot is null)
        {
            return SlackAck.Empty;
        }

        return new SlackAck(await slot.WaitAsync(options.Value.AckPayloadWait, time, ct).ConfigureAwait(false));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        await RequeuePendingAsync(stoppingToken);
        var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), stoppingToken));
        await Task.WhenAll(workers);
    }

    private async Task RequeuePendingAsync(CancellationToken ct)
    {
        var pending = await inbox.GetPendingAsync(int.MaxValue, ct);
        if (pending.Count > 0)
        {
            log.LogInformation("Handling {Count} Slack requests that were received but not handled before the last stop", pending.Count);
        }

        foreach (var record in pending.Where(r => _inFlight.TryAdd(r.Id, 0)))
        {
            _queue.Writer.TryWrite(new Work(record, null));
        }
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var work in _queue.Reader.ReadAllAsync(ct))
            {
                await HandleAsync(work, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: unhandled rows stay pending and are picked up at the next start.
        }
    }

    private async Task HandleAsync(Work work, CancellationToken ct)
    {
        var record = work.Record;
        var attempt = record.Attempts + 1;
        try
        {
            await dispatcher.DispatchAsync(record.Request, work.Slot, ct);
            await inbox.MarkHandledAsync(record.Id, ct);
            _inFlight.TryRemove(record.Id, out _);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            work.Slot?.Close();
            // A payload that cannot be read will not read better later: park it at once.
            var park = attempt >= options.Value.MaxHandlerAttempts || ex is System.Text.Json.JsonException;
            var error = Describe(ex);
            await inbox.MarkFailedAsync(record.Id, attempt, error, park, ct);
            if (park)
            {
                // The dispatcher already logged the exception with its stack; this line says what became of the request.
                log.LogError("Parked Slack request {InboxId} ({Kind}) after {Attempts} failed attempts: {Error}", record.Id, record.Request.Kind, attempt, error);
                _inFlight.TryRemove(record.Id, out _);
                await ApologiseAsync(record.Request, ct);
                return;
            }

            var delay = TimeSpan.FromSeconds(Math.Pow(4, attempt - 1));
            log.LogWarning("Handling Slack request {InboxId} ({Kind}) failed (attempt {Attempt}: {Error}); retrying in {Delay}", record.Id, record.Request.Kind, attempt, error, delay);
            _ = RetryLaterAsync(record with { Attempts = attempt }, delay);
        }
    }

    private async Task RetryLaterAsync(InboxRecord record, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, time, _stopping);
            _queue.Writer.TryWrite(new Work(record, null));
        }
        catch (OperationCanceledException)
        {
            // Still pending in the inbox: retried at the next start.
        }
    }

    // A person who ran a command deserves to hear that it failed, rather than silence.
    private async Task ApologiseAsync(SlackInboundRequest request, CancellationToken ct)
    {
        if (request.Kind != SlackRequestKind.SlashCommand)
        {
            return;
        }

        try
        {
            var command = SlackJson.Deserialize<SlashCommand>(request.PayloadJson);
            if (!string.IsNullOrEmpty(command.ResponseUrl))
            {
                await api.RespondAsync(
                    command.ResponseUrl,
                    SlackMessage.Ephemeral($"Sorry, `{command.Command} {command.Text}` failed on our side and was not completed. Nothing you typed is lost; the bot's operator can see the error."),
                    ct);
            }
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Could not tell the user that their command failed");
        }
    }

    private static string Describe(Exception ex) => ex is SlackApiException slack
        ? $"{slack.Method}: {slack.ErrorCode}"
        : $"{ex.GetType().Name}: {ex.Message}";

    private sealed record Work(InboxRecord Record, AckSlot? Slot);
}
