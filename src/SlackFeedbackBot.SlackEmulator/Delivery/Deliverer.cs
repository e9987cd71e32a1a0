using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SlackFeedbackBot.Emulator.Delivery;

/// <summary>
/// Delivers events, slash commands and interactions to the app over Socket Mode, or as signed HTTP requests when an
/// HTTP delivery URL is set, waits for the ack, and retries unacknowledged Events API deliveries like Slack does.
/// </summary>
internal sealed class Deliverer(SlackEmulator emu, SocketModeHub sockets, HttpClient http)
{
    public async Task<DeliveryResult> DeliverAsync(DeliveryRequest request, CancellationToken ct)
    {
        var deliveryId = Guid.NewGuid().ToString("N")[..12];
        var lastRetry = request.Kind == DeliveryKind.EventsApi ? Math.Max(request.FirstRetry, emu.Options.MaxEventRetries) : request.FirstRetry;
        var target = emu.HttpDeliveryUrl;
        DeliveryResult? result = null;
        string? previousSocket = null;
        var retryReason = "";
        for (var retry = request.FirstRetry; retry <= lastRetry; retry++)
        {
            var attempts = retry - request.FirstRetry + 1;
            if (target is not null)
            {
                (result, retryReason, var giveUp) = await SendHttpAsync(deliveryId, request, target, retry, retryReason, ct);
                result = result with { Attempts = attempts };
                if (result.Acked || giveUp) return result;
            }
            else
            {
                var socketId = sockets.Pick(previousSocket);
                if (socketId is null && request.WaitForReceiver && await sockets.WaitForSocketsAsync(1, emu.Options.AckTimeout, ct))
                    socketId = sockets.Pick(previousSocket);
                if (socketId is null)
                {
                    Record(deliveryId, request, "none", retry, null, null, DeliveryStatus.NoReceiver, retryReason);
                    return Result(request, "none") with { Attempts = attempts, Error = "No Socket Mode connection is open and no HTTP delivery URL is set." };
                }
                result = await SendSocketAsync(deliveryId, request, socketId, retry, retryReason, ct) with { Attempts = attempts };
                if (result.Acked) return result;
                previousSocket = socketId;
                retryReason = "timeout";
            }
        }
        return result!;
    }

    private async Task<DeliveryResult> SendSocketAsync(string deliveryId, DeliveryRequest request, string socketId, int retry, string retryReason, CancellationToken ct)
    {
        var envelopeId = Guid.NewGuid().ToString();
        var envelope = new JsonObject
        {
            ["envelope_id"] = envelopeId,
            ["type"] = request.Kind switch
            {
                DeliveryKind.EventsApi => "events_api",
                DeliveryKind.SlashCommand => "slash_commands",
                _ => "interactive",
            },
            ["payload"] = request.Payload.DeepClone(),
            ["accepts_response_payload"] = request.Kind != DeliveryKind.EventsApi,
        };
        if (request.Kind == DeliveryKind.EventsApi)
        {
            envelope["retry_attempt"] = retry;
            envelope["retry_reason"] = retryReason;
        }
        var attempt = Record(deliveryId, request, "socket_mode", retry, envelopeId, socketId, DeliveryStatus.Pending, retryReason);
        var outcome = await sockets.SendEnvelopeAsync(socketId, envelopeId, envelope, emu.Options.AckTimeout, ct);
        emu.Deliveries.Replace(attempt, attempt with { Status = outcome.Status });
        var payload = outcome.Ack?["payload"];
        emu.Recorder?.Ack(emu.Time.GetUtcNow(), deliveryId, request.Kind, request.Payload, "socket_mode", envelopeId, outcome.Status, null, payload);
        return Result(request, "socket_mode") with
        {
            Acked = outcome.Status == DeliveryStatus.Acked,
            EnvelopeId = envelopeId,
            AckPayload = payload is JsonObject { Count: 0 } ? null : payload?.DeepClone(),
            Error = outcome.Status switch
            {
                DeliveryStatus.NotAcked => $"No ack within {emu.Options.AckTimeout.TotalSeconds:0.#} s",
                DeliveryStatus.Failed => "The socket closed before the ack arrived",
                _ => null,
            },
        };
    }

    private async Task<(DeliveryResult Result, string RetryReason, bool GiveUp)> SendHttpAsync(
        string deliveryId, DeliveryRequest request, Uri target, int retry, string retryReason, CancellationToken ct)
    {
        var (body, contentType) = HttpBody(request);
        var attempt = Record(deliveryId, request, "http", retry, null, null, DeliveryStatus.Pending, retryReason);
        using var message = SignedRequest(target, body, contentType, null, null);
        if (retry > 0)
        {
            message.Headers.Add("X-Slack-Retry-Num", retry.ToString(CultureInfo.InvariantCulture));
            message.Headers.Add("X-Slack-Retry-Reason", retryReason);
        }
        var (status, responseBody, noRetry, failure) = await SendAsync(message, ct);
        var acked = status is >= 200 and < 300;
        var ackStatus = acked ? DeliveryStatus.Acked : failure == "http_timeout" ? DeliveryStatus.NotAcked : DeliveryStatus.Failed;
        emu.Deliveries.Replace(attempt, attempt with { Status = ackStatus });
        emu.Recorder?.Ack(emu.Time.GetUtcNow(), deliveryId, request.Kind, request.Payload, "http", null, ackStatus, status, acked ? ParseAckBody(responseBody) : null);
        var result = Result(request, "http") with
        {
            Acked = acked,
            HttpStatus = status,
            ResponseBody = responseBody,
            AckPayload = acked ? ParseAckBody(responseBody) : null,
            Error = acked ? null : failure ?? $"HTTP {status}",
        };
        return (result, failure ?? "http_error", noRetry);
    }

    /// <summary>POSTs any body signed with the emulator's secret (or the given overrides) to the HTTP delivery URL.</summary>
    public Task<DeliveryResult> SendSignedRawAsync(string body, string contentType, string? signatureOverride, string? timestampOverride, CancellationToken ct) =>
        SendSignedRawAsync(Encoding.UTF8.GetBytes(body), contentType, signatureOverride, timestampOverride, ct);

    /// <summary>Any bytes, correctly signed: for bodies that are not valid UTF-8 or not valid JSON.</summary>
    public async Task<DeliveryResult> SendSignedRawAsync(byte[] body, string contentType, string? signatureOverride, string? timestampOverride, CancellationToken ct)
    {
        var target = emu.HttpDeliveryUrl ?? throw new InvalidOperationException("Set HttpDeliveryUrl before sending raw HTTP requests.");
        using var message = SignedRequest(target, body, contentType, signatureOverride, timestampOverride);
        var (status, responseBody, _, failure) = await SendAsync(message, ct);
        return new DeliveryResult
        {
            Kind = contentType.StartsWith("application/json", StringComparison.Ordinal) ? DeliveryKind.EventsApi : DeliveryKind.Interactive,
            Transport = "http",
            Acked = status is >= 200 and < 300,
            HttpStatus = status,
            ResponseBody = responseBody,
            AckPayload = status is >= 200 and < 300 ? ParseAckBody(responseBody) : null,
            Attempts = 1,
            Error = failure,
        };
    }

    private HttpRequestMessage SignedRequest(Uri target, byte[] body, string contentType, string? signatureOverride, string? timestampOverride)
    {
        var timestamp = timestampOverride ?? emu.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var message = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        message.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        message.Headers.Add("X-Slack-Signature", signatureOverride ?? RequestSigner.Sign(emu.SigningSecret, timestamp, body));
        message.Headers.UserAgent.ParseAdd("Slackbot/1.0");
        return message;
    }

    private async Task<(int? Status, string? Body, bool NoRetry, string? Failure)> SendAsync(HttpRequestMessage message, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(emu.Options.AckTimeout);
        try
        {
            using var response = await http.SendAsync(message, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            var noRetry = response.Headers.TryGetValues("x-slack-no-retry", out var values) && values.Contains("1");
            return ((int)response.StatusCode, body, noRetry, null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, null, false, "http_timeout");
        }
        catch (HttpRequestException e)
        {
            return (null, e.Message, false, "connection_failed");
        }
    }

    /// <summary>Bodies exactly as Slack sends them: JSON for events, form fields for commands, a form "payload" field for interactions.</summary>
    private static (byte[] Body, string ContentType) HttpBody(DeliveryRequest request) => request.Kind switch
    {
        DeliveryKind.EventsApi => (Encoding.UTF8.GetBytes(request.Payload.ToJsonString()), "application/json"),
        DeliveryKind.SlashCommand => (Encoding.UTF8.GetBytes(string.Join('&', request.Payload.Select(p =>
            $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value?.ToString() ?? "")}"))), "application/x-www-form-urlencoded"),
        _ => (Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(request.Payload.ToJsonString())), "application/x-www-form-urlencoded"),
    };

    private static JsonNode? ParseAckBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try { return JsonNode.Parse(body) is { } node and not JsonObject { Count: 0 } ? node : null; }
        catch (JsonException) { return new JsonObject { ["text"] = body }; }
    }

    private DeliveryAttempt Record(string deliveryId, DeliveryRequest request, string transport, int retry, string? envelopeId, string? socketId, DeliveryStatus status, string retryReason)
    {
        var attempt = new DeliveryAttempt(deliveryId, request.Kind, transport, retry, envelopeId, socketId, request.EventId, status, request.Payload, emu.Time.GetUtcNow())
        {
            RetryReason = retryReason,
        };
        emu.Deliveries.Add(attempt);
        return attempt;
    }

    private static DeliveryResult Result(DeliveryRequest request, string transport) => new()
    {
        Kind = request.Kind,
        Transport = transport,
        EventId = request.EventId,
        ResponseUrl = request.ResponseUrl,
        TriggerId = request.TriggerId,
        Payload = request.Payload,
    };
}
