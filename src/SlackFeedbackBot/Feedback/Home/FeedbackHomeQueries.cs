using Dapper;
using SlackFeedbackBot.Spotlight;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Feedback;

/// <summary>An item as the Home tab shows it, with its reports in the window the section looks at.</summary>
public sealed record HomeItem(FeedbackItem Item, int RecentReports);

/// <summary>What the feedback sections of the Home tab read: new unclassified items, items past a threshold, the week's top issues.</summary>
public sealed class FeedbackHomeQueries(Database database)
{
    private const string Recent = "(SELECT COUNT(*) FROM feedback_reports r WHERE r.item_id = feedback_items.id AND r.created_at >= @sinceMs) AS RecentReports";

    /// <summary>Items no rule classified, captured since <paramref name="since"/>, still open; newest first.</summary>
    public IReadOnlyList<HomeItem> NewUnclassified(DateTimeOffset since, int limit) => Read($"""
        SELECT {FeedbackRepository.ItemColumns}, {Recent} FROM feedback_items
        WHERE bucket = '{SpotlightBuckets.Unclassified}' AND status = 'open' AND created_at >= @sinceMs
        ORDER BY created_at DESC, id DESC LIMIT @limit
        """, since, limit);

    /// <summary>Items an alert fired for since <paramref name="since"/> (heard N times, a high-value customer) that nobody has moved on yet, latest alert first.</summary>
    public IReadOnlyList<HomeItem> PastThreshold(DateTimeOffset since, int limit)
    {
        var latestAlert = new OnceOnly(database).ClaimedIn(FeedbackOnceKeys.AlertPrefix, since, DateTimeOffset.MaxValue)
            .Select(c => (Item: FeedbackOnceKeys.ParseAlert(c.Key)?.ItemId, c.ClaimedAt))
            .Where(c => c.Item is not null)
            .GroupBy(c => c.Item!.Value)
            .ToDictionary(g => g.Key, g => g.Max(c => c.ClaimedAt));
        if (latestAlert.Count == 0)
        {
            return [];
        }

        var items = Read($"""
            SELECT {FeedbackRepository.ItemColumns}, {Recent} FROM feedback_items
            WHERE status = 'open' AND {database.Dialect.InList("id", "@ids")}
            """, since, limit, latestAlert.Keys.ToList());
        return items.OrderByDescending(i => latestAlert[i.Item.Id]).ThenByDescending(i => i.Item.Id).Take(limit).ToList();
    }

    /// <summary>Unresolved items with the most reports since <paramref name="since"/>, old items included.</summary>
    public IReadOnlyList<HomeItem> Top(DateTimeOffset since, int limit) => Read($"""
        SELECT {FeedbackRepository.ItemColumns}, {Recent} FROM feedback_items
        WHERE status IN ('open', 'planned', 'not_yet') AND id IN (SELECT item_id FROM feedback_reports WHERE created_at >= @sinceMs)
        ORDER BY RecentReports DESC, created_at DESC, id DESC LIMIT @limit
        """, since, limit);

    private IReadOnlyList<HomeItem> Read(string sql, DateTimeOffset since, int limit, IReadOnlyList<long>? ids = null)
    {
        using var connection = database.Open();
        return connection.Query<FeedbackItem, long, HomeItem>(sql, (item, recent) => new HomeItem(item, (int)recent),
            new { sinceMs = since.ToUnixTimeMilliseconds(), limit, ids = ids ?? [] }, splitOn: "RecentReports").AsList();
    }
}
