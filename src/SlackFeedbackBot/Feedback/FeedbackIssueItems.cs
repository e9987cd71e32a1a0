using Dapper;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// The items that make up an issue: the one place that answers "which items does #12 stand for", so everything that
/// lists an issue's reports (its export, its why quotes) follows when items are merged into it.
/// </summary>
public sealed class FeedbackIssueItems(Database database)
{
    /// <summary>
    /// The issue's item ids, the issue's own first, then every item merged into it and into those; null when there is
    /// no such item. Merged items point straight at their root, but the walk follows any chain an older merge left.
    /// </summary>
    public IReadOnlyList<long>? ItemsOf(long issueId)
    {
        using var connection = database.Open();
        var ids = connection.Query<long>("""
            WITH RECURSIVE issue(id) AS (
                SELECT id FROM feedback_items WHERE id = @issueId
                UNION
                SELECT merged.id FROM feedback_items merged JOIN issue ON merged.merged_into_id = issue.id)
            SELECT id FROM issue ORDER BY id <> @issueId, id
            """, new { issueId }).AsList();
        return ids.Count == 0 ? null : ids;
    }
}
