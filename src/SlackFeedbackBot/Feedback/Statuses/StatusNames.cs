namespace SlackFeedbackBot.Feedback;

/// <summary>The statuses an item moves between, as people type them and as replies show them.</summary>
public static class StatusNames
{
    /// <summary>Every status a person can move an item to, in the order a list names them.</summary>
    public static readonly IReadOnlyList<string> All = [FeedbackStatus.Open, FeedbackStatus.Planned, FeedbackStatus.NotYet, FeedbackStatus.Resolved];

    /// <summary>What <c>/feedback list</c> shows when no status is asked for: everything not resolved.</summary>
    public static readonly IReadOnlyList<string> Unresolved = [FeedbackStatus.Open, FeedbackStatus.Planned, FeedbackStatus.NotYet];

    public const string Typed = "`open`, `planned`, `not_yet` or `resolved` (or `all`)";

    /// <summary>The stored status for what was typed (<c>not-yet</c>, <c>notyet</c> and <c>Not_Yet</c> are all <c>not_yet</c>); null when it is none.</summary>
    public static string? Find(string? typed)
    {
        var word = typed?.Trim().ToLowerInvariant().Replace('-', '_');
        return word switch
        {
            "open" or "opened" or "reopened" => FeedbackStatus.Open,
            "planned" or "plan" => FeedbackStatus.Planned,
            "not_yet" or "notyet" => FeedbackStatus.NotYet,
            "resolved" or "resolve" or "done" => FeedbackStatus.Resolved,
            _ => null,
        };
    }

    /// <summary>How a reply shows a status: "not yet", not "not_yet".</summary>
    public static string Display(string status) => status == FeedbackStatus.NotYet ? "not yet" : status;
}
