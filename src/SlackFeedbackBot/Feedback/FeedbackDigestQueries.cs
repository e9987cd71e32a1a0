using System.Data.Common;
using Dapper;
using SlackFeedbackBot.Slack.Text;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Feedback;

/// <summary>Which feedback a question is about: one bucket, one product area, or all (null).</summary>
public sealed record FeedbackFilter(string? Bucket = null, string? ProductArea = null)
{
    public static FeedbackFilter All { get; } = new();
}

/// <summary>One report (a conversation that raised feedback), with the issue it counts for.</summary>
public sealed record IssueReport
{
    public long IssueId { get; init; }
    public long ItemId { get; init; }
    public long CreatedAtMs { get; init; }
    public string? Customer { get; init; }
    public string? ReporterId { get; init; }

    public DateTimeOffset CreatedAt => DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs);
}

/// <summary>An issue as other features see it: its words, bucket, status, area and, when given, why it matters.</summary>
public sealed record IssueSummary
{
    public long Id { get; init; }
    public string Bucket { get; init; } = "";
    public string Text { get; init; } = "";
    public string Status { get; init; } = "";
    public long CreatedAtMs { get; init; }
    public string? Customer { get; init; }
    public string? ReporterId { get; init; }
    public string? ProductArea { get; init; }
    public string? Permalink { get; init; }
    public string? ShiftKey { get; init; }
    public long? ResolvedAtMs { get; init; }
    public string? Resolution { get; init; }

    /// <summary>The reporter's answer to "How important is this to you, and why?", when they gave one.</summary>
    public string? Why { get; init; }

    /// <summary>How many reporters were told about its current resolution.</summary>
    public int ReportersTold { get; init; }

    public DateTimeOffset CreatedAt => DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs);
    public DateTimeOffset? ResolvedAt => ResolvedAtMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}

/// <summary>How many feedback items a bucket (and area) got in some window.</summary>
public sealed record FeedbackBucketCount(string Bucket, string? ProductArea, int Count);

/// <summary>An alert raised for an issue (its key: "reports:42:10", "customer:42:acme"), and when.</summary>
public sealed record IssueAlert(long IssueId, string AlertKey, DateTimeOffset RaisedAt, string? ProductArea, string? Permalink);

/// <summary>What was captured during a shift or by a person: counts per bucket and the latest few items, defused.</summary>
public sealed record CapturedFeedback(IReadOnlyList<(string Bucket, int Count)> Buckets, IReadOnlyList<string> Items)
{
    public static CapturedFeedback None { get; } = new([], []);
}

/// <summary>
/// The Feedback feature's answers to other features (Digests, Rotations): nobody else reads the feedback tables. Every
/// query is a range scan on an index (reports by created_at, items by created_at or resolved_at, items by id), so a
/// week stays fast over a million items. Deleted items are left out everywhere.
/// </summary>
public sealed class FeedbackDigestQueries(Database database)
{
    private const int IdsPerQuery = 500;

    /// <summary>
    /// Every report made in <c>[from, to)</c>, each with the issue it counts for: the one place where items become issues,
    /// so every count of issues (top issues, their change, "asked again") agrees.
    /// </summary>
    public IReadOnlyList<IssueReport> ReportsByIssue(DateTimeOffset from, DateTimeOffset to, FeedbackFilter? filter = null)
    {
        filter ??= FeedbackFilter.All;
        using var connection = database.Open();
        return connection.Query<IssueReport>(ReportsByIssueSql(filter), Args(from, to, filter)).AsList();
    }

    /// <summary>The issues with these ids (deleted ones left out), with one "why it matters" answer each.</summary>
    public IReadOnlyList<IssueSummary> Issues(IEnumerable<long> ids)
    {
        using var connection = database.Open();
        return Issues(connection, ids.Distinct().ToList());
    }

    /// <summary>Items created in <c>[from, to)</c> per bucket and area: the chart's weekly bars.</summary>
    public IReadOnlyList<FeedbackBucketCount> ItemsCreatedPerBucket(DateTimeOffset from, DateTimeOffset to, FeedbackFilter? filter = null)
    {
        filter ??= FeedbackFilter.All;
        using var connection = database.Open();
        return connection.Query<(string Bucket, string? ProductArea, long Count)>(ItemsCreatedPerBucketSql(filter), Args(from, to, filter))
            .Select(row => new FeedbackBucketCount(row.Bucket, row.ProductArea, (int)row.Count)).ToList();
    }

    /// <summary>Issues resolved in <c>[from, to)</c>, oldest resolution first, with how many reporters were told.</summary>
    public IReadOnlyList<IssueSummary> ResolvedIn(DateTimeOffset from, DateTimeOffset to, FeedbackFilter? filter = null)
    {
        filter ??= FeedbackFilter.All;
        using var connection = database.Open();
        return connection.Query<IssueSummary>(ResolvedSql(filter), Args(from, to, filter))
            .Select(issue => issue with { ReportersTold = OnceOnly.Claimed(connection, FeedbackOnceKeys.ToldAbout(issue.Id)).Count })
            .ToList();
    }

    /// <summary>Alerts raised in <c>[from, to)</c> for issues that are still there, oldest first.</summary>
    public IReadOnlyList<IssueAlert> AlertsIn(DateTimeOffset from, DateTimeOffset to, FeedbackFilter? filter = null)
    {
        filter ??= FeedbackFilter.All;
        using var connection = database.Open();
        var alerts = connection.Query<(string Key, long ClaimedAtMs)>(OnceOnly.ClaimedInSql, new
            {
                fromMs = from.ToUnixTimeMilliseconds(),
                toMs = to.ToUnixTimeMilliseconds(),
                prefixFrom = FeedbackOnceKeys.AlertPrefix,
                prefixTo = AlertPrefixEnd,
            })
            .Select(row => (Parsed: FeedbackOnceKeys.ParseAlert(row.Key), At: DateTimeOffset.FromUnixTimeMilliseconds(row.ClaimedAtMs)))
            .Where(row => row.Parsed is not null)
            .Select(row => (row.Parsed!.Value.ItemId, row.Parsed.Value.AlertKey, row.At))
            .ToList();
        var issues = Issues(connection, alerts.Select(alert => alert.ItemId).Distinct().ToList()).ToDictionary(issue => issue.Id);
        return alerts
            .Where(alert => issues.TryGetValue(alert.ItemId, out var issue) && Fits(issue, filter))
            .Select(alert => new IssueAlert(alert.ItemId, alert.AlertKey, alert.At, issues[alert.ItemId].ProductArea, issues[alert.ItemId].Permalink))
            .OrderBy(alert => alert.RaisedAt).ThenBy(alert => alert.IssueId)
            .ToList();
    }

    /// <summary>How many items each person captured on a support shift in <c>[from, to)</c>.</summary>
    public IReadOnlyDictionary<string, int> CapturedOnShiftBy(DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = database.Open();
        return connection.Query<(string ReporterId, long Count)>(CapturedOnShiftSql, Args(from, to, FeedbackFilter.All))
            .ToDictionary(row => row.ReporterId, row => (int)row.Count, StringComparer.Ordinal);
    }

    /// <summary>
    /// Each item id and the root of its issue (merged items count for the item they were merged into; an item merged
    /// nowhere is its own root). Unknown ids are left out.
    /// </summary>
    public IReadOnlyDictionary<long, long> IssueRootsOf(IEnumerable<long> itemIds) => new SlackFeedbackBot.Feedback.Issues.IssueRepository(database).RootsOf(itemIds);

    /// <summary>The feedback captured on one shift.</summary>
    public CapturedFeedback CapturedOnShift(string shiftKey, int latest) => Captured("shift_key = @value", shiftKey, latest);

    /// <summary>A person's own latest captures.</summary>
    public CapturedFeedback CapturedBy(string userId, int latest) => Captured("reporter_id = @value", userId, latest);

    /// <summary>True once any feedback was stored (deleted items too: the database is not new).</summary>
    public bool HasAny()
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>("SELECT CASE WHEN EXISTS (SELECT 1 FROM feedback_items) THEN 1 ELSE 0 END") > 0;
    }

    /// <summary>Every statement these queries run over a period, as SQLite runs them, for checking their plans (parameters: fromMs, toMs, bucket, area, ids, prefixFrom, prefixTo).</summary>
    internal static IEnumerable<string> Statements(FeedbackFilter filter) =>
        [ReportsByIssueSql(filter), IssuesSql(SqlDialect.Sqlite), ItemsCreatedPerBucketSql(filter), ResolvedSql(filter), OnceOnly.ClaimedInSql, CapturedOnShiftSql];

    private CapturedFeedback Captured(string where, string value, int latest)
    {
        using var connection = database.Open();
        var buckets = connection.Query<(string Bucket, long Count)>(
            $"SELECT bucket, COUNT(*) FROM feedback_items WHERE {where} AND status <> 'deleted' GROUP BY bucket ORDER BY COUNT(*) DESC, bucket", new { value });
        // A merged item says which issue it counts for, and how many reports that issue has now.
        var items = connection.Query<(string Bucket, string Text, long? Issue, long IssueReports)>(
            $"""
            SELECT i.bucket, i.text, i.merged_into_id,
                (SELECT COUNT(*) FROM feedback_reports r JOIN feedback_items m ON m.id = r.item_id
                 WHERE i.merged_into_id IS NOT NULL AND (m.id = i.merged_into_id OR m.merged_into_id = i.merged_into_id))
            FROM feedback_items i WHERE i.{where} AND i.status <> 'deleted' ORDER BY i.created_at DESC, i.id DESC LIMIT @latest
            """, new { value, latest });
        return new CapturedFeedback(
            buckets.Select(b => (b.Bucket, (int)b.Count)).ToList(),
            items.Select(i => $"[{i.Bucket}] {SlackText.Truncate(SlackText.Defuse(i.Text).ReplaceLineEndings(" "), 200)}{(i.Issue is { } issue ? $" (part of #{issue}, {i.IssueReports} reports)" : "")}").ToList());
    }

    private List<IssueSummary> Issues(DbConnection connection, List<long> ids) =>
        ids.Chunk(IdsPerQuery).SelectMany(chunk => connection.Query<IssueSummary>(IssuesSql(database.Dialect), new { ids = chunk })).ToList();

    private static bool Fits(IssueSummary issue, FeedbackFilter filter) =>
        (filter.Bucket is null || issue.Bucket == filter.Bucket) && (filter.ProductArea is null || issue.ProductArea == filter.ProductArea);

    private static readonly string AlertPrefixEnd = FeedbackOnceKeys.AlertPrefix[..^1] + (char)(FeedbackOnceKeys.AlertPrefix[^1] + 1);

    // Fixed fragments only; the values always travel as parameters.
    private static string Where(FeedbackFilter filter, string alias = "i") =>
        (filter.Bucket is null ? "" : $" AND {alias}.bucket = @bucket") + (filter.ProductArea is null ? "" : $" AND {alias}.product_area = @area");

    private static object Args(DateTimeOffset from, DateTimeOffset to, FeedbackFilter filter) => new
    {
        fromMs = from.ToUnixTimeMilliseconds(),
        toMs = to.ToUnixTimeMilliseconds(),
        bucket = filter.Bucket,
        area = filter.ProductArea,
    };

    private const string IssueColumns = """
        i.id AS Id, i.bucket AS Bucket, i.text AS Text, i.status AS Status, i.created_at AS CreatedAtMs, i.customer AS Customer,
            i.reporter_id AS ReporterId, i.product_area AS ProductArea, COALESCE(i.permalink, i.link) AS Permalink, i.shift_key AS ShiftKey,
            i.resolved_at AS ResolvedAtMs, i.resolution AS Resolution,
            (SELECT f.answer FROM feedback_follow_ups f WHERE f.item_id = i.id AND trim(f.answer) <> '') AS Why
        """;

    // The one place where a report's item becomes its issue: a merged item counts for the root it was merged into.
    private static string ReportsByIssueSql(FeedbackFilter filter) =>
        $"""
        SELECT {SlackFeedbackBot.Feedback.Issues.IssueRepository.RootOf("i")} AS IssueId, r.item_id AS ItemId, r.created_at AS CreatedAtMs, r.customer AS Customer, r.reporter_id AS ReporterId
        FROM feedback_reports r JOIN feedback_items i ON i.id = r.item_id
        WHERE r.created_at >= @fromMs AND r.created_at < @toMs AND i.status <> 'deleted'{Where(filter)}
        ORDER BY r.created_at, r.id
        """;

    private static string IssuesSql(SqlDialect dialect) => $"""
        SELECT {IssueColumns}
        FROM feedback_items i
        WHERE {dialect.InList("i.id", "@ids")} AND i.status <> 'deleted'
        """;

    private static string ItemsCreatedPerBucketSql(FeedbackFilter filter) =>
        $"""
        SELECT i.bucket AS Bucket, i.product_area AS ProductArea, COUNT(*) AS Count
        FROM feedback_items i
        WHERE i.created_at >= @fromMs AND i.created_at < @toMs AND i.status <> 'deleted'{Where(filter)}
        GROUP BY i.bucket, i.product_area
        """;

    private static string ResolvedSql(FeedbackFilter filter) =>
        $"""
        SELECT {IssueColumns}
        FROM feedback_items i
        WHERE i.status = 'resolved' AND i.resolved_at >= @fromMs AND i.resolved_at < @toMs{Where(filter)}
        ORDER BY i.resolved_at, i.id
        """;

    private const string CapturedOnShiftSql = """
        SELECT reporter_id, COUNT(*) FROM feedback_items
        WHERE created_at >= @fromMs AND created_at < @toMs AND status <> 'deleted' AND shift_key IS NOT NULL AND reporter_id IS NOT NULL
        GROUP BY reporter_id
        """;
}
