namespace SlackFeedbackBot.Slack.Inbound;

/// <summary>
/// Where both transports hand every request they receive. It returns once the request is recorded durably
/// (or known to be a duplicate), with the body the transport must send back as the ack.
/// </summary>
public interface ISlackInboundSink
{
    Task<SlackAck> AcceptAsync(SlackInboundRequest request, CancellationToken ct);
}

/// <summary>The ack for one request: empty, or with a JSON payload (a slash command's reply, a view submission's response_action).</summary>
public sealed record SlackAck(string? PayloadJson)
{
    public static readonly SlackAck Empty = new((string?)null);
}
