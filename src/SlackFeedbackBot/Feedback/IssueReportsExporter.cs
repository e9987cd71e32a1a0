using System.Data.Common;
using System.Globalization;
using CsvHelper;
using Dapper;
using SlackFeedbackBot.Slack.Directory;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// <c>export --issue 12</c>: every report of an issue (its merged items' too), one row each, with the customer, the
/// reporter's name, their words, importance and why, the date and a link: the list of people to write to when it ships.
/// A Slack user appears by their name in Slack now (people rename themselves), else by the name a capture recorded,
/// else by their id; someone known only by name (an import) as recorded. CSV, with text a spreadsheet would run as a
/// formula prefixed with ' as in the full export.
/// </summary>
public sealed class IssueReportsExporter(Database database, FeedbackIssueItems issues)
{
    internal static readonly string[] Header =
        ["issue", "item", "report", "created_at", "customer", "reporter", "reporter_id", "words", "importance", "why", "link"];

    /// <summary>Writes the header and one row per report, oldest first; returns how many rows, or null when there is no such issue.</summary>
    /// <param name="names">Names the Slack users among the reporters; without it, or when it cannot name one, the recorded names are used.</param>
    public async Task<int?> ExportAsync(long issueId, TextWriter output, IPersonNames? names = null, CancellationToken ct = default)
    {
        if (issues.ItemsOf(issueId) is not { } ids)
        {
            return null;
        }

        using var connection = database.Open();
        var reports = connection.Query<FeedbackReport>($"""
            SELECT id AS Id, item_id AS ItemId, reporter_id AS ReporterId, reporter_name AS ReporterName, text AS Text,
                customer AS Customer, permalink AS Permalink, created_at AS CreatedAtMs, importance AS Importance, why AS Why
            FROM feedback_reports WHERE {database.Dialect.InList("item_id", "@ids")} ORDER BY created_at, id
            """, new { ids }).AsList();
        var items = connection.Query<(long Id, string? Permalink, string? Link)>(
            $"SELECT id, permalink, link FROM feedback_items WHERE {database.Dialect.InList("id", "@ids")}", new { ids }).ToDictionary(i => i.Id);
        var firstReports = reports.GroupBy(r => r.ItemId).Select(g => g.First().Id).ToHashSet();
        var recorded = KnownNames(connection, database.Dialect, reports.Where(r => r.ReporterName is null && r.ReporterId is not null).Select(r => r.ReporterId!).Distinct().ToList());
        var current = await CurrentNamesAsync(reports, names, ct);

        using var csv = CsvWriter.Create(output, CsvWriterOptions.Default with { Injection = CsvInjection.Escape, NewLine = "\n" }, leaveOpen: true);
        csv.WriteRecord(Header);
        foreach (var report in reports)
        {
            var item = items[report.ItemId];
            csv.WriteRecord(
            [
                issueId.ToString(CultureInfo.InvariantCulture),
                report.ItemId.ToString(CultureInfo.InvariantCulture),
                report.Id.ToString(CultureInfo.InvariantCulture),
                report.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                report.Customer,
                ReporterName(report, current, recorded),
                report.ReporterId,
                report.Text,
                report.Importance,
                report.Why,
                // The item's own link (a ticket, call notes) came with its first report.
                report.Permalink ?? (firstReports.Contains(report.Id) ? item.Permalink ?? item.Link : null),
            ]);
        }

        csv.Flush();
        return reports.Count;
    }

    private static string? ReporterName(FeedbackReport report, Dictionary<string, string> current, Dictionary<string, string> recorded)
    {
        if (report.ReporterId is not { } id)
        {
            return report.ReporterName;
        }

        return current.TryGetValue(id, out var name) ? name
            : report.ReporterName ?? (recorded.TryGetValue(id, out var known) ? known : id);
    }

    /// <summary>The name each Slack user among the reporters has now; those it cannot name are left out.</summary>
    private static async Task<Dictionary<string, string>> CurrentNamesAsync(IReadOnlyList<FeedbackReport> reports, IPersonNames? names, CancellationToken ct)
    {
        var current = new Dictionary<string, string>(StringComparer.Ordinal);
        if (names is null)
        {
            return current;
        }

        foreach (var id in reports.Select(r => r.ReporterId).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var name = await names.NameOrIdAsync(id, ct);
            if (!string.IsNullOrWhiteSpace(name) && name != id)
            {
                current[id] = name;
            }
        }

        return current;
    }

    /// <summary>
    /// The names captures recorded for these Slack users elsewhere (a form or command gives the name, a reaction does not),
    /// the latest one for each.
    /// </summary>
    private static Dictionary<string, string> KnownNames(DbConnection connection, SqlDialect dialect, IReadOnlyList<string> userIds)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in userIds.Chunk(500))
        {
            var rows = connection.Query<(string UserId, string Name)>($"""
                SELECT reporter_id, reporter_name FROM (
                    SELECT reporter_id, reporter_name, created_at FROM feedback_reports WHERE {dialect.InList("reporter_id", "@chunk")} AND reporter_name IS NOT NULL
                    UNION ALL
                    SELECT reporter_id, reporter_name, created_at FROM feedback_items WHERE {dialect.InList("reporter_id", "@chunk")} AND reporter_name IS NOT NULL) AS recorded
                ORDER BY created_at
                """, new { chunk });
            foreach (var (userId, name) in rows)
            {
                names[userId] = name;
            }
        }

        return names;
    }
}
