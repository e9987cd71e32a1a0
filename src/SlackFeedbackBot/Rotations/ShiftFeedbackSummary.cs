using Dapper;
using SlackFeedbackBot.Slack.Text;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Rotations;

/// <summary>What was captured during a shift: counts per bucket and the first few items.</summary>
public sealed record ShiftFeedback(IReadOnlyList<(string Bucket, int Count)> Buckets, IReadOnlyList<string> Items)
{
    public static ShiftFeedback None { get; } = new([], []);

    public int Total => Buckets.Sum(b => b.Count);
}

/// <summary>Reads the feedback tagged with a shift. Without the feedback tables (the feature absent) there is simply nothing.</summary>
public sealed class ShiftFeedbackSummary(Database database)
{
    public const int ItemLimit = 5;

    public async Task<ShiftFeedback> ForShiftAsync(string shiftKey) =>
        await HasFeedbackAsync() ? await QueryAsync("shift_key = @value", shiftKey) : ShiftFeedback.None;

    /// <summary>The person's own recent captures, for the Home tab.</summary>
    public async Task<IReadOnlyList<string>> RecentByAsync(string userId) =>
        await HasFeedbackAsync() ? (await QueryAsync("reporter_id = @value", userId)).Items : [];

    private async Task<ShiftFeedback> QueryAsync(string where, string value)
    {
        using var connection = database.Open();
        var buckets = await connection.QueryAsync<(string Bucket, long Count)>(
            $"SELECT bucket, COUNT(*) FROM feedback_items WHERE {where} GROUP BY bucket ORDER BY COUNT(*) DESC, bucket", new { value });
        // A merged item says which issue it counts for, and how many reports that issue has now.
        var items = await connection.QueryAsync<(string Bucket, string Text, long? Issue, long IssueReports)>(
            $"""
            SELECT i.bucket, i.text, i.merged_into_id,
                (SELECT COUNT(*) FROM feedback_reports r JOIN feedback_items m ON m.id = r.item_id
                 WHERE i.merged_into_id IS NOT NULL AND (m.id = i.merged_into_id OR m.merged_into_id = i.merged_into_id))
            FROM feedback_items i WHERE i.{where} ORDER BY i.created_at DESC LIMIT @limit
            """, new { value, limit = ItemLimit });
        return new ShiftFeedback(
            buckets.Select(b => (b.Bucket, (int)b.Count)).ToList(),
            items.Select(i => $"[{i.Bucket}] {SlackText.Truncate(SlackText.Defuse(i.Text).ReplaceLineEndings(" "), 200)}{(i.Issue is { } issue ? $" (part of #{issue}, {i.IssueReports} reports)" : "")}").ToList());
    }

    private async Task<bool> HasFeedbackAsync()
    {
        using var connection = database.Open();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'feedback_items'") > 0;
    }
}
