namespace SlackFeedbackBot.Feedback;

/// <summary>One piece of feedback as stored: what was said, by whom, about which customer, and where it landed.</summary>
public sealed record FeedbackItem
{
    public long Id { get; init; }
    public string Text { get; init; } = "";
    public string? Customer { get; init; }
    public string? Source { get; init; }
    public string? Importance { get; init; }
    public string? Link { get; init; }
    public string? ReporterId { get; init; }
    public string? ReporterName { get; init; }
    public string? AuthorId { get; init; }
    public string? ChannelId { get; init; }
    public string? MessageTs { get; init; }
    public string? Permalink { get; init; }
    public string CapturePath { get; init; } = "";
    public string Bucket { get; init; } = "";
    public string? Rule { get; init; }
    public string Status { get; init; } = FeedbackStatus.Open;
    public long CreatedAtMs { get; init; }
    public long UpdatedAtMs { get; init; }
    public long? ResolvedAtMs { get; init; }
    public string? ResolvedBy { get; init; }
    public string? Resolution { get; init; }
    public string? ShiftKey { get; init; }
    public string? ImportKey { get; init; }
    /// <summary>How many conversations raised it (the first capture and each "me too"); filled only where a list shows it.</summary>
    public int ReportCount { get; init; }

    /// <summary>The issue this item was merged into (always that root); null when it is an issue of its own.</summary>
    public long? MergedIntoId { get; init; }

    /// <summary>The items merged into this one; filled only where a list shows it.</summary>
    public IReadOnlyList<long> MergedIds { get; init; } = [];

    /// <summary>The item whose number stands for the issue: itself, or the one it was merged into.</summary>
    public long RootId => MergedIntoId ?? Id;

    public DateTimeOffset CreatedAt => DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs);

    public DateTimeOffset? ResolvedAt => ResolvedAtMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>Where to read the original: the Slack permalink, else the link given with it.</summary>
    public string? SourceLink => Permalink ?? Link;
}

/// <summary>One conversation behind an item: the first capture and every "me too", each with its own words.</summary>
public sealed record FeedbackReport
{
    public long Id { get; init; }
    public long ItemId { get; init; }
    public string? ReporterId { get; init; }
    public string? ReporterName { get; init; }
    public string Text { get; init; } = "";
    public string? Customer { get; init; }
    public string? Source { get; init; }
    public string? ChannelId { get; init; }
    public string? MessageTs { get; init; }
    public string? Permalink { get; init; }
    public long CreatedAtMs { get; init; }

    /// <summary>How important it is to this report's customer (low, medium, high), as this reporter said.</summary>
    public string? Importance { get; init; }

    /// <summary>Why it matters, in this reporter's words: the form's field, inline <c>why:</c>, or the follow-up answer.</summary>
    public string? Why { get; init; }

    public DateTimeOffset CreatedAt => DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs);
}

public sealed record BucketChange(long ItemId, string FromBucket, string ToBucket, string ChangedBy, long ChangedAtMs)
{
    public DateTimeOffset ChangedAt => DateTimeOffset.FromUnixTimeMilliseconds(ChangedAtMs);
}

public sealed record FollowUp(long ItemId, string ChannelId, string ThreadTs, string UserId, string? Answer);

public static class FeedbackStatus
{
    public const string Open = "open";
    public const string Planned = "planned";
    /// <summary>Declined for now, with a reason the reporters can be told.</summary>
    public const string NotYet = "not_yet";
    public const string Resolved = "resolved";
    public const string Deleted = "deleted";
}

/// <summary>How an item reached the bot.</summary>
public static class CapturePaths
{
    public const string Command = "command";
    public const string Modal = "modal";
    public const string MessageShortcut = "message_shortcut";
    public const string Reaction = "reaction";
    public const string Passive = "passive";
    public const string Mention = "mention";
    public const string Import = "import";
}

/// <summary>Everything known about a piece of feedback at the moment it is captured.</summary>
public sealed record FeedbackCapture
{
    public string Text { get; init; } = "";
    public string? Customer { get; init; }
    public string? Source { get; init; }
    public string? Importance { get; init; }

    /// <summary>Why it matters to the customer, in the reporter's words; kept on this capture's report.</summary>
    public string? Why { get; init; }
    public string? Link { get; init; }
    public string? ReporterId { get; init; }
    public string? ReporterName { get; init; }
    public string? AuthorId { get; init; }
    public string? ChannelId { get; init; }
    public string? MessageTs { get; init; }
    public string? Permalink { get; init; }
    public string CapturePath { get; init; } = CapturePaths.Command;

    /// <summary>A bucket decided already (an imported row); otherwise the classifier decides.</summary>
    public string? Bucket { get; init; }

    /// <summary>When it was said, if earlier than now (an imported row).</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    public string? ImportKey { get; init; }
    /// <summary>How many conversations raised it (the first capture and each "me too"); filled only where a list shows it.</summary>
    public int ReportCount { get; init; }

    /// <summary>The request this capture came from (<c>cmd:&lt;trigger_id&gt;</c>, <c>view:&lt;view id&gt;</c>): the same request again finds its item.</summary>
    public string? CaptureKey { get; init; }

    /// <summary>The support shift it was heard on, when the capture knows it (the end-of-shift form); otherwise looked up.</summary>
    public string? ShiftKey { get; init; }

    public bool IsMessageCapture => ChannelId is not null && MessageTs is not null;
}
