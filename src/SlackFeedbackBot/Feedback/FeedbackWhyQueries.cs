using Dapper;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Feedback;

/// <summary>One reporter's answer to "how important is this, and why?", as they gave it (not defused: the reader defuses).</summary>
public sealed record WhyQuote
{
    public long ItemId { get; init; }
    public long ReportId { get; init; }
    public string? ReporterId { get; init; }
    public string? ReporterName { get; init; }
    public string? Customer { get; init; }
    public string? Importance { get; init; }
    public string Why { get; init; } = "";
    public long CreatedAtMs { get; init; }

    public DateTimeOffset CreatedAt => DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs);
}

/// <summary>
/// The why quotes of an issue, for whoever shows them outside the feature (a digest's quote per top issue): every report
/// of the issue's items that says why it matters, the most important first (high, medium, low, not said), then the newest.
/// </summary>
public sealed class FeedbackWhyQueries(Database database, FeedbackIssueItems issues)
{
    /// <summary>The issue's why quotes, optionally of reports made in [from, to); empty when there is no such item.</summary>
    public IReadOnlyList<WhyQuote> WhyQuotes(long issueId, DateTimeOffset? from = null, DateTimeOffset? to = null, int limit = 20)
    {
        if (issues.ItemsOf(issueId) is not { } ids)
        {
            return [];
        }

        using var connection = database.Open();
        return connection.Query<WhyQuote>($"""
            SELECT item_id AS ItemId, id AS ReportId, reporter_id AS ReporterId, reporter_name AS ReporterName,
                customer AS Customer, importance AS Importance, why AS Why, created_at AS CreatedAtMs
            FROM feedback_reports
            WHERE {database.Dialect.InList("item_id", "@ids")} AND why IS NOT NULL AND trim(why) <> ''
              AND created_at >= @fromMs AND created_at < @toMs
            ORDER BY CASE importance WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END, created_at DESC, id DESC
            LIMIT @limit
            """, new
        {
            ids,
            fromMs = from?.ToUnixTimeMilliseconds() ?? long.MinValue,
            toMs = to?.ToUnixTimeMilliseconds() ?? long.MaxValue,
            limit,
        }).AsList();
    }
}
