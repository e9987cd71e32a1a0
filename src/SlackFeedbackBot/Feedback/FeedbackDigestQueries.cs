using System.Globalization;
using Dapper;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Feedback;

/// <summary>An item heard in a period, with how often and from which customers.</summary>
public sealed record DigestItem
{
    public long Id { get; init; }
    public string Text { get; init; } = "";
    public string Bucket { get; init; } = "";
    public string Status { get; init; } = "";
    public long CreatedAtMs { get; init; }
    public long Reports { get; init; }

    /// <summary>The customers joined by U+001F (Dapper reads nullable computed columns into properties, not constructors).</summary>
    public string? Customers { get; init; }

    public DateTimeOffset CreatedAt => DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs);

    /// <summary>The distinct customers named by the item and its reports.</summary>
    public IReadOnlyList<string> CustomerList => Customers is null ? [] : Customers.Split('\u001f', StringSplitOptions.RemoveEmptyEntries);
}

public sealed record BucketCount(string Bucket, long Count);

/// <summary>Items per bucket in one ISO week (<c>2026-W48</c>).</summary>
public sealed record BucketWeekCount(string IsoWeek, string Bucket, long Count);

/// <summary>An item resolved in a period and how many of its reporters were told.</summary>
public sealed record ResolvedItem
{
    public long Id { get; init; }
    public string Text { get; init; } = "";
    public string Bucket { get; init; } = "";
    public string? Resolution { get; init; }
    public string? ResolvedBy { get; init; }
    public long ResolvedAtMs { get; init; }
    public long Reporters { get; init; }
    public long ReportersTold { get; init; }

    public DateTimeOffset ResolvedAt => DateTimeOffset.FromUnixTimeMilliseconds(ResolvedAtMs);
}

/// <summary>
/// The questions the digest asks about a period [from, to). Each query is a range scan on an index
/// (created_at, (bucket, created_at), (status, resolved_at)), so a week stays fast over a million items.
/// Deleted items are left out everywhere.
/// </summary>
public sealed class FeedbackDigestQueries(Database database)
{
    /// <summary>Items created in the period, most reported first, with their report count and customers.</summary>
    public IReadOnlyList<DigestItem> ItemsCreatedIn(DateTimeOffset from, DateTimeOffset to, string? bucket = null, int limit = 50)
    {
        using var connection = database.Open();
        return connection.Query<DigestItem>("""
            SELECT i.id AS Id, i.text AS Text, i.bucket AS Bucket, i.status AS Status, i.created_at AS CreatedAtMs,
                (SELECT COUNT(*) FROM feedback_reports r WHERE r.item_id = i.id) AS Reports,
                (SELECT group_concat(c, char(31)) FROM (
                    SELECT i.customer AS c WHERE i.customer IS NOT NULL
                    UNION SELECT r.customer FROM feedback_reports r WHERE r.item_id = i.id AND r.customer IS NOT NULL)) AS Customers
            FROM feedback_items i
            WHERE i.created_at >= @fromMs AND i.created_at < @toMs AND i.status <> 'deleted' AND (@bucket IS NULL OR i.bucket = @bucket)
            ORDER BY Reports DESC, i.created_at DESC
            LIMIT @limit
            """, new { fromMs = from.ToUnixTimeMilliseconds(), toMs = to.ToUnixTimeMilliseconds(), bucket, limit }).AsList();
    }

    /// <summary>Items heard again in the period (reports added), most reported first: the "me too"s of older items count here.</summary>
    public IReadOnlyList<DigestItem> MostReportedIn(DateTimeOffset from, DateTimeOffset to, int limit = 10)
    {
        using var connection = database.Open();
        return connection.Query<DigestItem>("""
            SELECT i.id AS Id, i.text AS Text, i.bucket AS Bucket, i.status AS Status, i.created_at AS CreatedAtMs, n.reports AS Reports,
                (SELECT group_concat(c, char(31)) FROM (
                    SELECT i.customer AS c WHERE i.customer IS NOT NULL
                    UNION SELECT r.customer FROM feedback_reports r WHERE r.item_id = i.id AND r.customer IS NOT NULL)) AS Customers
            FROM (SELECT item_id, COUNT(*) AS reports FROM feedback_reports
                  WHERE created_at >= @fromMs AND created_at < @toMs GROUP BY item_id ORDER BY reports DESC LIMIT @limit) n
            JOIN feedback_items i ON i.id = n.item_id
            WHERE i.status <> 'deleted'
            ORDER BY n.reports DESC, i.id
            """, new { fromMs = from.ToUnixTimeMilliseconds(), toMs = to.ToUnixTimeMilliseconds(), limit }).AsList();
    }

    /// <summary>How many items each bucket got in the period.</summary>
    public IReadOnlyList<BucketCount> CountsPerBucket(DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = database.Open();
        return connection.Query<BucketCount>("""
            SELECT bucket AS Bucket, COUNT(*) AS Count FROM feedback_items
            WHERE created_at >= @fromMs AND created_at < @toMs AND status <> 'deleted'
            GROUP BY bucket ORDER BY Count DESC, bucket
            """, new { fromMs = from.ToUnixTimeMilliseconds(), toMs = to.ToUnixTimeMilliseconds() }).AsList();
    }

    /// <summary>Items per bucket per ISO week (UTC) in the period, oldest week first: the week-over-week trend.</summary>
    public IReadOnlyList<BucketWeekCount> CountsPerBucketPerIsoWeek(DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = database.Open();
        // SQL groups by UTC day (cheap integer maths); days roll up into ISO weeks here, where the calendar rules live.
        var perDay = connection.Query<(long Day, string Bucket, long Count)>("""
            SELECT created_at / 86400000 AS Day, bucket AS Bucket, COUNT(*) AS Count FROM feedback_items
            WHERE created_at >= @fromMs AND created_at < @toMs AND status <> 'deleted'
            GROUP BY Day, bucket
            """, new { fromMs = from.ToUnixTimeMilliseconds(), toMs = to.ToUnixTimeMilliseconds() });
        return perDay
            .GroupBy(d => (Week: IsoWeek(DateTimeOffset.FromUnixTimeMilliseconds(d.Day * 86_400_000L).UtcDateTime), d.Bucket))
            .Select(g => new BucketWeekCount(g.Key.Week, g.Key.Bucket, g.Sum(d => d.Count)))
            .OrderBy(c => c.IsoWeek, StringComparer.Ordinal).ThenByDescending(c => c.Count).ThenBy(c => c.Bucket, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Items resolved in the period, with how many distinct reporters they had and how many were told.</summary>
    public IReadOnlyList<ResolvedItem> ResolvedIn(DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = database.Open();
        return connection.Query<ResolvedItem>("""
            SELECT i.id AS Id, i.text AS Text, i.bucket AS Bucket, i.resolution AS Resolution, i.resolved_by AS ResolvedBy, i.resolved_at AS ResolvedAtMs,
                (SELECT COUNT(DISTINCT r.reporter_id) FROM feedback_reports r WHERE r.item_id = i.id AND r.reporter_id IS NOT NULL) AS Reporters,
                (SELECT COUNT(*) FROM feedback_notifications n WHERE n.item_id = i.id) AS ReportersTold
            FROM feedback_items i
            WHERE i.status = 'resolved' AND i.resolved_at >= @fromMs AND i.resolved_at < @toMs
            ORDER BY i.resolved_at
            """, new { fromMs = from.ToUnixTimeMilliseconds(), toMs = to.ToUnixTimeMilliseconds() }).AsList();
    }

    /// <summary>Items of the period that no rule matched and nobody has moved yet: someone should triage them.</summary>
    public IReadOnlyList<DigestItem> NewUnclassified(DateTimeOffset from, DateTimeOffset to, int limit = 20) =>
        ItemsCreatedIn(from, to, Spotlight.SpotlightBuckets.Unclassified, limit);

    /// <summary>
    /// Each item id and the root of its issue (merged items count for the item they were merged into; an item merged
    /// nowhere is its own root). Digests map their per-item counts to issues with this; unknown ids are left out.
    /// </summary>
    public IReadOnlyDictionary<long, long> IssueRootsOf(IEnumerable<long> itemIds) => new Issues.IssueRepository(database).RootsOf(itemIds);

    public static string IsoWeek(DateTime utc) =>
        $"{ISOWeek.GetYear(utc).ToString(CultureInfo.InvariantCulture)}-W{ISOWeek.GetWeekOfYear(utc).ToString("D2", CultureInfo.InvariantCulture)}";
}
