using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Slack.Inbox;

/// <summary>A request as stored in the inbox.</summary>
public sealed record InboxRecord(long Id, SlackInboundRequest Request, int Attempts);

/// <summary>The outcome of recording a request: stored under an id, or already seen.</summary>
public readonly record struct InboxAdmission(long Id, bool IsDuplicate)
{
    public static InboxAdmission Duplicate => new(0, true);
}

/// <summary>What the health check and the operator see of the inbox.</summary>
public sealed record InboxStats(long Pending, long Parked, DateTimeOffset? OldestPendingReceivedAt, string? LastParkedError);
