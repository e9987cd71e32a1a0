using Dapper;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Feedback;

/// <summary>What <c>/feedback list</c> asks for: a bucket, statuses, and an age window on when the item was created.</summary>
public sealed record FeedbackListFilter(string? Bucket, IReadOnlyList<string> Statuses, DateTimeOffset? CreatedFrom, DateTimeOffset? CreatedUntil);

/// <summary>The items of a list, newest first, and how many there are in all, by bucket, status and age.</summary>
public sealed class FeedbackItemList(Database database, Issues.IssueView issues)
{
    // The list shows issues: a merged item is part of its root's line ("merged: #23"), not a line of its own. The cast
    // tells PostgreSQL what type the bucket is when it is null.
    private string Where => $"""
        WHERE merged_into_id IS NULL AND {database.Dialect.InList("status", "@Statuses")} AND (CAST(@Bucket AS text) IS NULL OR bucket = @Bucket)
          AND created_at >= @FromMs AND created_at <= @UntilMs
        """;

    public IReadOnlyList<FeedbackItem> List(FeedbackListFilter filter, int limit)
    {
        using var connection = database.Open();
        var roots = connection.Query<FeedbackItem>($"""
            SELECT {FeedbackRepository.ItemColumns},
                (SELECT COUNT(*) FROM feedback_reports r WHERE r.item_id = feedback_items.id) AS ReportCount
            FROM feedback_items {Where}
            ORDER BY created_at DESC, id DESC LIMIT @limit
            """, Arguments(filter, limit));
        return issues.Roots(roots, limit);
    }

    public int Count(FeedbackListFilter filter)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<int>($"SELECT COUNT(*) FROM feedback_items {Where}", Arguments(filter, 0));
    }

    // An array: PostgreSQL takes the list as one array parameter, and Npgsql knows arrays, not every list type.
    private static object Arguments(FeedbackListFilter filter, int limit) => new
    {
        Statuses = filter.Statuses.ToArray(),
        filter.Bucket,
        FromMs = filter.CreatedFrom?.ToUnixTimeMilliseconds() ?? long.MinValue,
        UntilMs = filter.CreatedUntil?.ToUnixTimeMilliseconds() ?? long.MaxValue,
        limit,
    };
}
