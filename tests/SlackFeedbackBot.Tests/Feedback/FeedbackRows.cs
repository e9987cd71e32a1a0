using Dapper;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Tests.Feedback;

/// <summary>
/// Feedback rows put straight into a bot database (SQLite or PostgreSQL) with plain SQL, for tests of the queries that
/// read them: an item with its first report, more reports, a resolution, a bucket a person chose.
/// </summary>
public sealed class FeedbackRows(Database database)
{
    /// <summary>An item and its first report (by the reporter, for the customer, at the same time), as a capture stores them.</summary>
    public long Item(string text, string bucket, DateTimeOffset at, string? customer = null, string? reporter = null, string? shiftKey = null,
        string? area = null, string status = "open", string? rule = null)
    {
        using var connection = database.Open();
        var atMs = at.ToUnixTimeMilliseconds();
        var id = connection.ExecuteScalar<long>("""
            INSERT INTO feedback_items (text, customer, reporter_id, capture_path, bucket, rule, status, created_at, updated_at, shift_key, product_area)
            VALUES (@text, @customer, @reporter, 'command', @bucket, @rule, @status, @atMs, @atMs, @shiftKey, @area)
            RETURNING id
            """, new { text, customer, reporter, bucket, rule, status, atMs, shiftKey, area });
        Report(id, reporter, customer, at, text);
        return id;
    }

    public void Report(long itemId, string? reporter, string? customer, DateTimeOffset at, string text = "same here")
    {
        using var connection = database.Open();
        connection.Execute(
            "INSERT INTO feedback_reports (item_id, reporter_id, text, customer, created_at) VALUES (@itemId, @reporter, @text, @customer, @atMs)",
            new { itemId, reporter, text, customer, atMs = at.ToUnixTimeMilliseconds() });
    }

    public void Resolve(long itemId, string resolvedBy, string resolution, DateTimeOffset at)
    {
        using var connection = database.Open();
        connection.Execute(
            "UPDATE feedback_items SET status = 'resolved', resolved_by = @resolvedBy, resolution = @resolution, resolved_at = @atMs, updated_at = @atMs WHERE id = @itemId",
            new { itemId, resolvedBy, resolution, atMs = at.ToUnixTimeMilliseconds() });
    }

    public void SetStatus(long itemId, string status)
    {
        using var connection = database.Open();
        connection.Execute("UPDATE feedback_items SET status = @status WHERE id = @itemId", new { itemId, status });
    }

    /// <summary>A person moved the item to <paramref name="to"/> (a reclassification).</summary>
    public void Reclassify(long itemId, string to, string by, DateTimeOffset at)
    {
        using var connection = database.Open();
        connection.Execute("""
            INSERT INTO feedback_bucket_changes (item_id, from_bucket, to_bucket, changed_by, changed_at)
            SELECT id, bucket, @to, @by, @atMs FROM feedback_items WHERE id = @itemId
            """, new { itemId, to, by, atMs = at.ToUnixTimeMilliseconds() });
        connection.Execute("UPDATE feedback_items SET bucket = @to WHERE id = @itemId", new { itemId, to });
    }

    public void AnswerWhy(long itemId, string answer, DateTimeOffset at)
    {
        using var connection = database.Open();
        connection.Execute("""
            INSERT INTO feedback_follow_ups (item_id, channel_id, thread_ts, user_id, asked_at, answer, answered_at)
            VALUES (@itemId, 'C1', '1.1', 'U1', @atMs, @answer, @atMs)
            """, new { itemId, answer, atMs = at.ToUnixTimeMilliseconds() });
    }
}
