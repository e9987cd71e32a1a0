using Dapper;
using Microsoft.Data.Sqlite;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Digests;

/// <summary>
/// Reads everything one digest is built from, straight from SQLite: the period's items with their reports, the
/// previous period's counts, what was resolved, the thresholds reached, the rotation ledger with the feedback captured on
/// shifts, and items per bucket for each chart week. Every query is a range scan on an index over the period
/// (see migrations 0002 and 0005), so a week costs the same over a thousand items or a million.
/// People are left as Slack ids; <see cref="DigestPeopleNames"/> adds names where Slack is at hand.
/// </summary>
public sealed class DigestInputLoader(Database database, DigestBucketCatalog buckets)
{
    public DigestInput Load(DigestQuery query, DigestSettings? settings = null)
    {
        settings ??= new DigestSettings();
        using var connection = database.Open();
        var filter = query.Filter;
        var items = Items(connection, query.Period, filter);
        var chartWeeks = DigestPeriods.ChartWeeks(query.Period, query.Zone, settings.ChartWeeks);
        return new DigestInput
        {
            Period = query.Period,
            Buckets = buckets.For(filter),
            Items = items,
            PreviousCounts = ReportCounts(connection, query.Previous, filter),
            Resolved = Resolved(connection, query.Period, filter),
            NewUnclassified = items.Where(item => item.Bucket == DigestBucket.UnclassifiedId).ToList(),
            Thresholds = Thresholds(connection, query.Period, filter),
            Shifts = Shifts(connection, query.Period),
            WeeklyCounts = chartWeeks.SelectMany(monday => WeekCounts(connection, monday, DigestPeriods.WeekStarting(query.Zone, monday), filter)).ToList(),
            ChartWeeks = chartWeeks,
            ProductArea = filter.ProductArea,
            Settings = settings,
        };
    }

    // Fixed fragments only; the values always travel as parameters.
    private static string Where(DigestFilter filter, string alias = "i") =>
        (filter.Bucket is null ? "" : $" AND {alias}.bucket = @bucket") + (filter.ProductArea is null ? "" : $" AND {alias}.product_area = @area");

    private static object Args(DigestPeriod period, DigestFilter filter) => new
    {
        fromMs = period.From.ToUnixTimeMilliseconds(),
        toMs = period.To.ToUnixTimeMilliseconds(),
        bucket = filter.Bucket,
        area = filter.ProductArea,
    };

    private static List<DigestItem> Items(SqliteConnection connection, DigestPeriod period, DigestFilter filter)
    {
        var args = Args(period, filter);
        var reports = connection.Query<ReportRow>(ReportsSql(filter), args).ToLookup(r => r.ItemId);
        return connection.Query<ItemRow>(ItemsSql(filter), args).Select(row => row.ToItem(reports[row.Id])).ToList();
    }

    /// <summary>Reports of the items created in the period, per bucket and area: the same measure as the period's own count.</summary>
    private static List<BucketCount> ReportCounts(SqliteConnection connection, DigestPeriod period, DigestFilter filter) =>
        connection.Query<CountRow>(ReportCountsSql(filter), Args(period, filter))
            .Select(row => new BucketCount(row.Bucket, (int)row.Count, row.ProductArea)).ToList();

    /// <summary>Items created in one chart week, per bucket and area.</summary>
    private static IEnumerable<WeeklyBucketCount> WeekCounts(SqliteConnection connection, DateOnly monday, DigestPeriod week, DigestFilter filter) =>
        connection.Query<CountRow>(WeekCountsSql(filter), Args(week, filter))
            .Select(row => new WeeklyBucketCount(monday, row.Bucket, (int)row.Count, row.ProductArea));

    private static List<DigestItem> Resolved(SqliteConnection connection, DigestPeriod period, DigestFilter filter) =>
        connection.Query<ItemRow>(ResolvedSql(filter), Args(period, filter)).Select(row => row.ToItem([])).ToList();

    private static List<ThresholdHit> Thresholds(SqliteConnection connection, DigestPeriod period, DigestFilter filter) =>
        connection.Query<AlertRow>(ThresholdsSql(filter), Args(period, filter)).Select(row => row.ToHit()).ToList();

    /// <summary>Each person's shifts in the period from the ledger, and the feedback they captured while on shift.</summary>
    private static List<ShiftSummary> Shifts(SqliteConnection connection, DigestPeriod period)
    {
        var args = Args(period, DigestFilter.None);
        var ledger = connection.Query<LedgerRow>(LedgerSql, args).ToDictionary(row => row.UserId);
        var captured = connection.Query<(string UserId, long Count)>(CapturedOnShiftSql, args).ToDictionary(row => row.UserId, row => (int)row.Count);
        return ledger.Keys.Union(captured.Keys)
            .Select(user =>
            {
                var shifts = ledger.GetValueOrDefault(user);
                return new ShiftSummary(user, (int)(shifts?.Served ?? 0), (int)(shifts?.Missed ?? 0), (int)(shifts?.Swapped ?? 0), captured.GetValueOrDefault(user));
            })
            .OrderBy(summary => summary.UserId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every statement the loader runs, for checking their query plans.</summary>
    internal static IEnumerable<string> Statements(DigestFilter filter) =>
        [ReportsSql(filter), ItemsSql(filter), ReportCountsSql(filter), WeekCountsSql(filter), ResolvedSql(filter), ThresholdsSql(filter), LedgerSql, CapturedOnShiftSql];

    internal static string ReportsSql(DigestFilter filter) =>
        $"""
        SELECT r.item_id AS ItemId, r.customer AS Customer, r.reporter_id AS ReporterId
        FROM feedback_items i JOIN feedback_reports r ON r.item_id = i.id
        WHERE i.created_at >= @fromMs AND i.created_at < @toMs AND i.status <> 'deleted'{Where(filter)}
        ORDER BY r.item_id, r.created_at, r.id
        """;

    internal static string ItemsSql(DigestFilter filter) =>
        $"""
        SELECT i.id AS Id, i.bucket AS Bucket, i.text AS Text, i.created_at AS CreatedAtMs, i.customer AS Customer,
            i.reporter_id AS ReporterId, i.product_area AS ProductArea, COALESCE(i.permalink, i.link) AS Permalink, i.shift_key AS ShiftKey
        FROM feedback_items i
        WHERE i.created_at >= @fromMs AND i.created_at < @toMs AND i.status <> 'deleted'{Where(filter)}
        ORDER BY i.created_at, i.id
        """;

    internal static string ReportCountsSql(DigestFilter filter) =>
        $"""
        SELECT i.bucket AS Bucket, i.product_area AS ProductArea,
            SUM(MAX(1, (SELECT COUNT(*) FROM feedback_reports r WHERE r.item_id = i.id))) AS Count
        FROM feedback_items i
        WHERE i.created_at >= @fromMs AND i.created_at < @toMs AND i.status <> 'deleted'{Where(filter)}
        GROUP BY i.bucket, i.product_area
        """;

    internal static string WeekCountsSql(DigestFilter filter) =>
        $"""
        SELECT i.bucket AS Bucket, i.product_area AS ProductArea, COUNT(*) AS Count
        FROM feedback_items i
        WHERE i.created_at >= @fromMs AND i.created_at < @toMs AND i.status <> 'deleted'{Where(filter)}
        GROUP BY i.bucket, i.product_area
        """;

    internal static string ResolvedSql(DigestFilter filter) =>
        $"""
        SELECT i.id AS Id, i.bucket AS Bucket, i.text AS Text, i.created_at AS CreatedAtMs, i.customer AS Customer,
            i.reporter_id AS ReporterId, i.product_area AS ProductArea, COALESCE(i.permalink, i.link) AS Permalink, i.shift_key AS ShiftKey,
            i.resolved_at AS ResolvedAtMs, i.resolution AS Resolution,
            (SELECT COUNT(*) FROM feedback_notifications n WHERE n.item_id = i.id) AS ReportersTold
        FROM feedback_items i
        WHERE i.status = 'resolved' AND i.resolved_at >= @fromMs AND i.resolved_at < @toMs{Where(filter)}
        ORDER BY i.resolved_at, i.id
        """;

    internal static string ThresholdsSql(DigestFilter filter) =>
        $"""
        SELECT a.alert_key AS AlertKey, a.item_id AS ItemId, a.created_at AS CreatedAtMs, i.product_area AS ProductArea,
            COALESCE(i.permalink, i.link) AS Permalink
        FROM feedback_alerts a JOIN feedback_items i ON i.id = a.item_id
        WHERE a.created_at >= @fromMs AND a.created_at < @toMs AND i.status <> 'deleted'{Where(filter)}
        ORDER BY a.created_at, a.item_id
        """;

    internal const string LedgerSql = """
        SELECT user_id AS UserId,
            SUM(outcome = 'served') AS Served, SUM(outcome = 'missed') AS Missed, SUM(outcome = 'swapped_away') AS Swapped
        FROM rotation_ledger
        WHERE shift_start >= @fromMs AND shift_start < @toMs
        GROUP BY user_id
        """;

    internal const string CapturedOnShiftSql = """
        SELECT reporter_id, COUNT(*) FROM feedback_items
        WHERE created_at >= @fromMs AND created_at < @toMs AND status <> 'deleted' AND shift_key IS NOT NULL AND reporter_id IS NOT NULL
        GROUP BY reporter_id
        """;

    /// <summary>What an alert key ("reports:42:10", "customer:42:acme") means to a reader.</summary>
    public static string DescribeAlert(string alertKey)
    {
        var parts = alertKey.Split(':', 3);
        return parts switch
        {
            ["reports", var id, var count] => $"#{id} heard {count} times",
            ["customer", var id, var name] => $"#{id} from high-value customer {name}",
            _ => alertKey,
        };
    }

    private sealed record ReportRow
    {
        public long ItemId { get; init; }
        public string? Customer { get; init; }
        public string? ReporterId { get; init; }
    }

    private sealed record ItemRow
    {
        public long Id { get; init; }
        public string Bucket { get; init; } = "";
        public string Text { get; init; } = "";
        public long CreatedAtMs { get; init; }
        public string? Customer { get; init; }
        public string? ReporterId { get; init; }
        public string? ProductArea { get; init; }
        public string? Permalink { get; init; }
        public string? ShiftKey { get; init; }
        public long? ResolvedAtMs { get; init; }
        public string? Resolution { get; init; }
        public long ReportersTold { get; init; }

        public DigestItem ToItem(IEnumerable<ReportRow> reports)
        {
            var list = reports.Select(r => new DigestReport(r.Customer, r.ReporterId)).ToList();
            return new DigestItem
            {
                Id = Id,
                Bucket = Bucket,
                Text = Text,
                CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs),
                Customer = Customer,
                ReporterIds = list.Select(r => r.ReporterId).Prepend(ReporterId).OfType<string>().Distinct(StringComparer.Ordinal).ToList(),
                Reports = list,
                ProductArea = ProductArea,
                Permalink = Permalink,
                ShiftKey = ShiftKey,
                ResolvedAt = ResolvedAtMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
                ResolutionNote = Resolution,
                ReportersTold = (int)ReportersTold,
            };
        }
    }

    private sealed record CountRow
    {
        public string Bucket { get; init; } = "";
        public string? ProductArea { get; init; }
        public long Count { get; init; }
    }

    private sealed record AlertRow
    {
        public string AlertKey { get; init; } = "";
        public long ItemId { get; init; }
        public long CreatedAtMs { get; init; }
        public string? ProductArea { get; init; }
        public string? Permalink { get; init; }

        public ThresholdHit ToHit() => new(DescribeAlert(AlertKey), ItemId, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs))
        {
            ProductArea = ProductArea,
            Permalink = Permalink,
        };
    }

    private sealed record LedgerRow
    {
        public string UserId { get; init; } = "";
        public long Served { get; init; }
        public long Missed { get; init; }
        public long Swapped { get; init; }
    }
}
