using System.Text.Json;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Slack.Dispatch;

/// <summary>What happened to a request in the dispatcher.</summary>
public enum SlackRequestOutcome
{
    Handled,
    Ignored,
    Failed,
}

/// <summary>
/// One request on its way through the middleware to its handler: the request, its payload read once, the fields
/// every step asks for (team, user, what it is routed by), the ack slot and the cancellation, and how it ended.
/// </summary>
public sealed class SlackRequestContext
{
    private JsonElement? _payload;

    public SlackRequestContext(SlackInboundRequest request, AckSlot? ackSlot, CancellationToken cancellation)
    {
        Request = request;
        AckSlot = ackSlot;
        Cancellation = cancellation;
    }

    public SlackInboundRequest Request { get; }

    public SlackRequestKind Kind => Request.Kind;

    /// <summary>Where a reply meant for the ack goes (slash commands and view submissions); null for the others.</summary>
    public AckSlot? AckSlot { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>The payload, parsed on first use; a payload that is not JSON throws <see cref="JsonException"/> here.</summary>
    public JsonElement Payload => _payload ??= Parse(Request.PayloadJson);

    /// <summary>The workspace the payload says it comes from; null when it carries none.</summary>
    public string? TeamId => SlackPayloadFields.TeamId(Kind, Payload);

    public string? UserId => SlackPayloadFields.UserId(Kind, Payload);

    /// <summary>What the request is routed by: the command, event type, callback id or action ids.</summary>
    public string HandlerKey => SlackPayloadFields.HandlerKey(Kind, Payload);

    /// <summary>
    /// The request's id for logs: event_id for events, trigger_id for commands and interactions, else the dedupe key.
    /// Never throws, so it can be logged for a payload that could not be read.
    /// </summary>
    public string Id
    {
        get
        {
            try
            {
                return SlackPayloadFields.Id(Kind, Payload) ?? Request.DedupeKey;
            }
            catch (JsonException)
            {
                return Request.DedupeKey;
            }
        }
    }

    /// <summary>The handler (class name) the request was given to, once the dispatcher found one.</summary>
    public string? Handler { get; set; }

    public SlackRequestOutcome Outcome { get; private set; } = SlackRequestOutcome.Handled;

    /// <summary>Why the request went no further, when <see cref="Outcome"/> is <see cref="SlackRequestOutcome.Ignored"/>.</summary>
    public string? IgnoredBecause { get; private set; }

    /// <summary>Marks the request as not handled, for a reason the request log shows.</summary>
    public void Ignore(string reason)
    {
        Outcome = SlackRequestOutcome.Ignored;
        IgnoredBecause = reason;
    }

    internal void Fail() => Outcome = SlackRequestOutcome.Failed;

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
