using Dapper;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// The items that make up an issue: the one place that answers "which items does #12 stand for", so everything that
/// lists an issue's reports (its export, its why quotes) follows when items are merged into it.
/// </summary>
public sealed class FeedbackIssueItems(Database database)
{
    /// <summary>The issue's item ids, the issue's own first; null when there is no such item.</summary>
    public IReadOnlyList<long>? ItemsOf(long issueId)
    {
        using var connection = database.Open();
        var ids = connection.Query<long>("SELECT id FROM feedback_items WHERE id = @issueId", new { issueId }).AsList();
        return ids.Count == 0 ? null : ids;
    }
}
