using SlackFeedbackBot.Feedback;

namespace SlackFeedbackBot.Rotations;

/// <summary>What was captured during a shift: counts per bucket and the first few items.</summary>
public sealed record ShiftFeedback(IReadOnlyList<(string Bucket, int Count)> Buckets, IReadOnlyList<string> Items)
{
    public static ShiftFeedback None { get; } = new([], []);

    public int Total => Buckets.Sum(b => b.Count);
}

/// <summary>The feedback tagged with a shift, or a person's own, as the Feedback feature answers it.</summary>
public sealed class ShiftFeedbackSummary(FeedbackDigestQueries feedback)
{
    public const int ItemLimit = 5;

    public Task<ShiftFeedback> ForShiftAsync(string shiftKey) =>
        Task.FromResult(From(feedback.CapturedOnShift(shiftKey, ItemLimit)));

    /// <summary>The person's own recent captures, for the Home tab.</summary>
    public Task<IReadOnlyList<string>> RecentByAsync(string userId) =>
        Task.FromResult(feedback.CapturedBy(userId, ItemLimit).Items);

    private static ShiftFeedback From(CapturedFeedback captured) => new(captured.Buckets, captured.Items);
}
