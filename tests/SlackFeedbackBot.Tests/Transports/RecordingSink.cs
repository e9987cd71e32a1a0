using System.Collections.Concurrent;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Tests.Transports;

/// <summary>A sink that keeps what it is handed and answers with a chosen ack, or fails like a database that is down.</summary>
internal sealed class RecordingSink : ISlackInboundSink
{
    private readonly ConcurrentQueue<SlackInboundRequest> _received = new();

    public Func<SlackInboundRequest, SlackAck> Respond { get; set; } = _ => SlackAck.Empty;

    /// <summary>When set, every call throws this instead of recording.</summary>
    public Func<SlackInboundRequest, Exception?> FailWith { get; set; } = _ => null;

    public IReadOnlyList<SlackInboundRequest> Received => [.. _received];

    public Task<SlackAck> AcceptAsync(SlackInboundRequest request, CancellationToken ct)
    {
        if (FailWith(request) is { } failure)
        {
            throw failure;
        }

        _received.Enqueue(request);
        return Task.FromResult(Respond(request));
    }
}
