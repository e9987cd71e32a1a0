using Dapper;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Feedback;

/// <summary>What one person brought in during a period: every report they made (any capture path, "me too"s included),
/// and how many of those came from a research conversation.</summary>
public sealed record PersonFeedbackCount(string UserId, int Captured, int Research);

/// <summary>Per-person questions about feedback, for features that ask who has heard customers (rotations).</summary>
public sealed class FeedbackPeopleQueries(Database database)
{
    public const string ResearchSource = "research";

    /// <summary>Reports made in [from, to), per reporter; deleted items are left out.</summary>
    public async Task<IReadOnlyList<PersonFeedbackCount>> CapturedByPersonAsync(DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<(string UserId, long Captured, long Research)>(
            """
            SELECT r.reporter_id, COUNT(*), SUM(CASE WHEN lower(COALESCE(r.source, i.source, '')) = @research THEN 1 ELSE 0 END)
            FROM feedback_reports r JOIN feedback_items i ON i.id = r.item_id
            WHERE r.created_at >= @fromMs AND r.created_at < @toMs AND r.reporter_id IS NOT NULL AND i.status <> 'deleted'
            GROUP BY r.reporter_id
            """,
            new { fromMs = from.ToUnixTimeMilliseconds(), toMs = to.ToUnixTimeMilliseconds(), research = ResearchSource });
        return rows.Select(r => new PersonFeedbackCount(r.UserId, (int)r.Captured, (int)r.Research)).ToList();
    }
}
