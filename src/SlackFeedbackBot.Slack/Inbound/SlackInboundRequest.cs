namespace SlackFeedbackBot.Slack.Inbound;

/// <summary>
/// One request from Slack as both transports hand it on: its kind and its payload as JSON
/// (the Events API envelope, the slash command's fields as a JSON object, or the interactivity payload).
/// </summary>
/// <param name="Kind">What the request is.</param>
/// <param name="PayloadJson">The payload, as JSON text.</param>
/// <param name="DedupeKey">A key that is equal for two deliveries of the same request (event id, trigger id, ...).</param>
/// <param name="RetryNum">Slack's retry counter (0 for a first delivery).</param>
/// <param name="ReceivedAt">When the transport received it.</param>
public sealed record SlackInboundRequest(
    SlackRequestKind Kind,
    string PayloadJson,
    string DedupeKey,
    int RetryNum,
    DateTimeOffset ReceivedAt);
