using System.Text.Json.Nodes;

namespace SlackFeedbackBot.Emulator.Delivery;

public enum DeliveryKind { EventsApi, SlashCommand, Interactive }

public enum DeliveryStatus { Pending, Acked, NotAcked, Failed, NoReceiver }

/// <summary>What happened when a user action was delivered to the app.</summary>
public sealed record DeliveryResult
{
    public required DeliveryKind Kind { get; init; }
    /// <summary>"socket_mode", "http" or "none" (nobody to deliver to).</summary>
    public required string Transport { get; init; }
    public bool Acked { get; init; }
    /// <summary>The ack's payload (Socket Mode) or the HTTP response body (parsed JSON; plain text becomes {"text": ...}); null for an empty ack.</summary>
    public JsonNode? AckPayload { get; init; }
    public int? HttpStatus { get; init; }
    public string? ResponseBody { get; init; }
    public string? EnvelopeId { get; init; }
    public string? EventId { get; init; }
    public string? ResponseUrl { get; init; }
    public string? TriggerId { get; init; }
    /// <summary>How many times it was sent (1 + retries).</summary>
    public int Attempts { get; init; }
    public string? Error { get; init; }
    /// <summary>What was delivered (the event_callback, the slash command fields, or the interaction payload).</summary>
    public JsonObject? Payload { get; init; }

    /// <summary>
    /// Set when Slack could not use a view_submission ack (an invalid response_action): the error the modal shows while it
    /// stays open. The reasons are in <see cref="SlackEmulator.Errors"/>.
    /// </summary>
    public string? AckError { get; init; }

    /// <summary>response_action of a view_submission ack ("errors", "update", "push", "clear"), if any.</summary>
    public string? ResponseAction => AckPayload?["response_action"]?.ToString();
}

/// <summary>One attempt to deliver something to the app, kept in <see cref="SlackEmulator.Deliveries"/>.</summary>
public sealed record DeliveryAttempt(
    string DeliveryId,
    DeliveryKind Kind,
    string Transport,
    int RetryAttempt,
    string? EnvelopeId,
    string? SocketId,
    string? EventId,
    DeliveryStatus Status,
    JsonObject Payload,
    DateTimeOffset Time)
{
    public string? RetryReason { get; init; }

    public override string ToString() =>
        $"{Time:HH:mm:ss.fff} {Kind} via {Transport}{(SocketId is null ? "" : " " + SocketId)} retry={RetryAttempt} envelope={EnvelopeId} event={EventId} -> {Status}";
}

internal sealed record DeliveryRequest(DeliveryKind Kind, JsonObject Payload)
{
    public int FirstRetry { get; init; }
    public string? EventId { get; init; }
    public string? ResponseUrl { get; init; }
    public string? TriggerId { get; init; }
    /// <summary>Wait (up to the ack timeout) for a Socket Mode connection when none is open; false for background echoes.</summary>
    public bool WaitForReceiver { get; init; } = true;
}
