namespace SlackFeedbackBot.Feedback.Issues;

/// <summary>What a merge or unmerge did: the issue's root and the items that moved, or a sentence saying why not.</summary>
public sealed record MergeOutcome(long RootId, IReadOnlyList<long> Moved, string? Problem)
{
    /// <summary>Set when the item was part of that issue already, so nothing changed.</summary>
    public bool AlreadyRecorded { get; init; }

    public static MergeOutcome Failed(string problem) => new(0, [], problem);
}

/// <summary>
/// Merging items that say the same thing into one issue, and taking them apart again, with who did it kept in the
/// history. Merged items always point at the root: merging an issue brings its merged items along, and merging into a
/// merged item is refused with its root named. The thresholds are checked again for the grown issue.
/// </summary>
public sealed class IssueMerges(FeedbackRepository items, IssueRepository issues, FeedbackAlerts alerts, TimeProvider time)
{
    public async Task<MergeOutcome> MergeAsync(long itemId, long intoId, string mergedBy, CancellationToken ct)
    {
        if (itemId == intoId)
        {
            return MergeOutcome.Failed($"Feedback #{itemId} cannot be merged into itself. Name another item: `/feedback merge {itemId} into 12`.");
        }

        if (items.Get(itemId) is not { } item)
        {
            return MergeOutcome.Failed(FeedbackService.NoSuchItem(itemId));
        }

        if (items.Get(intoId) is not { } into)
        {
            return MergeOutcome.Failed(FeedbackService.NoSuchItem(intoId));
        }

        if (item.Status == FeedbackStatus.Deleted || into.Status == FeedbackStatus.Deleted)
        {
            var deleted = item.Status == FeedbackStatus.Deleted ? itemId : intoId;
            return MergeOutcome.Failed($"Feedback #{deleted} was deleted in Slack, so it cannot be merged.");
        }

        if (into.MergedIntoId is { } intoRoot)
        {
            return intoRoot == itemId
                ? MergeOutcome.Failed($"Feedback #{intoId} is already part of #{itemId}: merging #{itemId} into it would go round in a circle. To make #{intoId} the main item, `/feedback unmerge {intoId}` first.")
                : MergeOutcome.Failed($"Feedback #{intoId} is itself merged into #{intoRoot}. Merge into its root instead: `/feedback merge {itemId} into {intoRoot}`.");
        }

        if (item.MergedIntoId == intoId)
        {
            return new MergeOutcome(intoId, [], null) { AlreadyRecorded = true };
        }

        if (item.MergedIntoId is { } otherRoot)
        {
            return MergeOutcome.Failed($"Feedback #{itemId} is merged into #{otherRoot}. To move it, `/feedback unmerge {itemId}` first, then merge it into #{intoId}.");
        }

        var now = time.GetUtcNow();
        var moved = issues.Merge(itemId, intoId, mergedBy, now);
        issues.AnswerOffer(itemId, intoId, IssueAnswers.Same, mergedBy, now);
        await alerts.CheckAsync(into, item.Text, item.Customer, item.ReporterId, ct);
        return new MergeOutcome(intoId, moved, null);
    }

    public MergeOutcome Unmerge(long itemId, string undoneBy)
    {
        if (items.Get(itemId) is not { } item)
        {
            return MergeOutcome.Failed(FeedbackService.NoSuchItem(itemId));
        }

        if (item.MergedIntoId is null)
        {
            var merged = issues.MergedInto(itemId);
            return MergeOutcome.Failed(merged.Count == 0
                ? $"Feedback #{itemId} is not merged into anything."
                : $"Feedback #{itemId} is the main item of its issue; unmerge the items merged into it instead ({string.Join(", ", merged.Select(m => $"`/feedback unmerge {m.Id}`"))}).");
        }

        var from = issues.Unmerge(itemId, undoneBy, time.GetUtcNow());
        return from is { } root ? new MergeOutcome(root, [itemId], null) : MergeOutcome.Failed($"Feedback #{itemId} is not merged into anything.");
    }
}

/// <summary>The answers a person gives to "Looks like #12".</summary>
public static class IssueAnswers
{
    public const string Same = "same";
    public const string Different = "different";
}
