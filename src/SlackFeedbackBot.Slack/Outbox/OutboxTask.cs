using System.Text.Json.Nodes;

namespace SlackFeedbackBot.Slack.Outbox;

/// <summary>
/// One durable effect: which handler runs it (<paramref name="Kind"/>), what it needs (<paramref name="Payload"/>, stored
/// as JSON), and the channel whose posting slot it takes, if it posts to a known channel.
/// </summary>
public sealed record OutboxTask(string Kind, JsonObject Payload, string? PacingChannel = null);

/// <summary>A stored task as its handler sees it. <paramref name="InDoubtSince"/> is when an earlier attempt started whose
/// outcome is unknown (the process died or the call timed out after it was sent): Slack may have done it already.</summary>
public sealed record OutboxTaskContext(long Id, string Key, string Kind, JsonObject Payload, int Attempt, DateTimeOffset? InDoubtSince = null);

/// <summary>Runs one kind of <see cref="OutboxTask"/>. Throwing <see cref="Api.SlackApiException"/> or any other exception asks
/// for a retry, except for Slack's permanent errors (<see cref="OutboxFailures"/>). Returns what to keep as the result.</summary>
public interface IOutboxTaskHandler
{
    string Kind { get; }

    Task<string?> RunAsync(OutboxTaskContext task, CancellationToken ct);
}

/// <summary>The outbox's backlog, for health: what is waiting, since when, and what failed for good.</summary>
public sealed record OutboxBacklog(int Pending, DateTimeOffset? OldestPendingSince, int Failed);
