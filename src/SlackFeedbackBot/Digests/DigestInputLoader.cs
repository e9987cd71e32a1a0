using Dapper;
using Microsoft.Data.Sqlite;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Digests;

/// <summary>
/// Gathers everything one digest is built from. Feedback comes from the Feedback feature's query API
/// (<see cref="FeedbackDigestQueries"/>): the issues heard in the period and the one before, with those reports, what was
/// resolved, the alerts raised, and items per bucket for each chart week. The rotation ledger is read here by an indexed
/// range scan (migration 0005). People are left as Slack ids; <see cref="DigestPeopleNames"/> adds names where Slack is at hand.
/// </summary>
public sealed class DigestInputLoader(FeedbackDigestQueries feedback, Database database, DigestBucketCatalog buckets)
{
    public DigestInput Load(DigestQuery query, DigestSettings? settings = null)
    {
        settings ??= new DigestSettings();
        var filter = new FeedbackFilter(query.Filter.Bucket, query.Filter.ProductArea);
        var (current, previous) = (query.Period, query.Previous);
        var from = previous.From < current.From ? previous.From : current.From;
        var reports = feedback.ReportsByIssue(from, current.To, filter);
        var issues = feedback.Issues(reports.Select(report => report.IssueId)).ToDictionary(issue => issue.Id);
        var items = reports.GroupBy(report => report.IssueId)
            .Where(group => issues.ContainsKey(group.Key))
            .Select(group => ToItem(issues[group.Key], group))
            .OrderBy(item => item.CreatedAt).ThenBy(item => item.Id)
            .ToList();
        var heard = items.Select(item => item.HeardIn(current)).OfType<DigestItem>().ToList();
        var heardBefore = items.Select(item => item.HeardIn(previous)).OfType<DigestItem>().ToList();
        var chartWeeks = DigestPeriods.ChartWeeks(current, query.Zone, settings.ChartWeeks);
        return new DigestInput
        {
            Period = current,
            PreviousPeriod = previous,
            Buckets = buckets.For(query.Filter),
            Items = heard,
            PreviousItems = heardBefore,
            Names = items.SelectMany(item => item.Customers).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            PreviousCounts = heardBefore
                .GroupBy(item => (item.Bucket, item.ProductArea))
                .Select(group => new BucketCount(group.Key.Bucket, group.Sum(item => item.TotalReports), group.Key.ProductArea))
                .ToList(),
            Resolved = feedback.ResolvedIn(current.From, current.To, filter).Select(issue => ToItem(issue, [])).ToList(),
            NewUnclassified = heard.Where(item => item.Bucket == DigestBucket.UnclassifiedId && current.Contains(item.CreatedAt)).ToList(),
            Thresholds = feedback.AlertsIn(current.From, current.To, filter)
                .Select(alert => new ThresholdHit(DescribeAlert(alert.AlertKey), alert.IssueId, alert.RaisedAt) { ProductArea = alert.ProductArea, Permalink = alert.Permalink })
                .ToList(),
            Shifts = Shifts(current),
            WeeklyCounts = chartWeeks.SelectMany(monday => feedback.ItemsCreatedPerBucket(DigestPeriods.WeekStarting(query.Zone, monday).From, DigestPeriods.WeekStarting(query.Zone, monday).To, filter)
                .Select(count => new WeeklyBucketCount(monday, count.Bucket, count.Count, count.ProductArea))).ToList(),
            ChartWeeks = chartWeeks,
            ProductArea = query.Filter.ProductArea,
            Settings = settings,
        };
    }

    private static DigestItem ToItem(IssueSummary issue, IEnumerable<IssueReport> reports)
    {
        var list = reports.Select(report => new DigestReport(report.Customer, report.ReporterId, report.CreatedAt)).ToList();
        return new DigestItem
        {
            Id = issue.Id,
            Bucket = issue.Bucket,
            Text = issue.Text,
            Status = issue.Status,
            CreatedAt = issue.CreatedAt,
            Customer = issue.Customer,
            ReporterIds = list.Select(r => r.ReporterId).Prepend(issue.ReporterId).OfType<string>().Distinct(StringComparer.Ordinal).ToList(),
            Reports = list,
            ProductArea = issue.ProductArea,
            Permalink = issue.Permalink,
            ShiftKey = issue.ShiftKey,
            ResolvedAt = issue.ResolvedAt,
            ResolutionNote = issue.Resolution,
            ReportersTold = issue.ReportersTold,
            Why = issue.Why,
        };
    }

    /// <summary>Each person's shifts in the period from the ledger, and the feedback they captured while on shift.</summary>
    private List<ShiftSummary> Shifts(DigestPeriod period)
    {
        using var connection = database.Open();
        var ledger = connection.Query<LedgerRow>(LedgerSql, new { fromMs = period.From.ToUnixTimeMilliseconds(), toMs = period.To.ToUnixTimeMilliseconds() })
            .ToDictionary(row => row.UserId);
        var captured = feedback.CapturedOnShiftBy(period.From, period.To);
        return ledger.Keys.Union(captured.Keys)
            .Select(user =>
            {
                var shifts = ledger.GetValueOrDefault(user);
                return new ShiftSummary(user, (int)(shifts?.Served ?? 0), (int)(shifts?.Missed ?? 0), (int)(shifts?.Swapped ?? 0), captured.GetValueOrDefault(user));
            })
            .OrderBy(summary => summary.UserId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every statement a digest runs, for checking their query plans.</summary>
    internal static IEnumerable<string> Statements(DigestFilter filter) =>
        [.. FeedbackDigestQueries.Statements(new FeedbackFilter(filter.Bucket, filter.ProductArea)), LedgerSql];

    internal const string LedgerSql = """
        SELECT user_id AS UserId,
            SUM(outcome = 'served') AS Served, SUM(outcome = 'missed') AS Missed, SUM(outcome = 'swapped_away') AS Swapped
        FROM rotation_ledger
        WHERE shift_start >= @fromMs AND shift_start < @toMs
        GROUP BY user_id
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

    private sealed record LedgerRow
    {
        public string UserId { get; init; } = "";
        public long Served { get; init; }
        public long Missed { get; init; }
        public long Swapped { get; init; }
    }
}
