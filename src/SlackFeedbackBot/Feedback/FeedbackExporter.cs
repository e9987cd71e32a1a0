using System.Globalization;
using CsvHelper;
using SlackFeedbackBot.Slack.Directory;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// Writes every item with all its fields as CSV, the spreadsheet many people work in. Text that a spreadsheet
/// would run as a formula is prefixed with ' (the importer takes it off again). <c>reporter</c> is the name people
/// read (a Slack user's name from the directory, else the id; an imported name as imported), <c>reporter_id</c> the
/// Slack user id, empty for a reporter known only by name. Importance and why are those the item
/// was captured with; every report's own are in <see cref="IssueReportsExporter"/> (<c>export --issue N</c>).
/// </summary>
public sealed class FeedbackExporter(FeedbackRepository repository)
{
    internal static readonly char[] FormulaStarts = ['=', '@', '+', '-', '\t', '\r'];

    private static readonly string[] Header =
    [
        "id", "created_at", "text", "customer", "source", "importance", "why", "bucket", "rule", "status", "reporter", "reporter_id", "reports",
        "capture_path", "channel_id", "message_ts", "permalink", "link", "author_id", "shift_key", "updated_at", "resolved_at", "resolved_by", "resolution",
    ];

    /// <summary>Writes the header and one row per item; returns how many rows.</summary>
    /// <param name="names">Names the Slack users among the reporters; without it their ids are the names.</param>
    public async Task<int> ExportAsync(TextWriter output, IPersonNames? names = null, CancellationToken ct = default)
    {
        using var csv = CsvWriter.Create(output, CsvWriterOptions.Default with { Injection = CsvInjection.Escape, NewLine = "\n" }, leaveOpen: true);
        csv.WriteRecord(Header);
        var count = 0;
        foreach (var (item, reports, why) in repository.AllWithReportCounts())
        {
            csv.WriteRecord(
            [
                item.Id.ToString(CultureInfo.InvariantCulture),
                Time(item.CreatedAtMs),
                item.Text,
                item.Customer,
                item.Source,
                item.Importance,
                why,
                item.Bucket,
                item.Rule,
                item.Status,
                item.ReporterId is { } reporterId ? (names is null ? reporterId : await names.NameOrIdAsync(reporterId, ct)) : item.ReporterName,
                item.ReporterId,
                reports.ToString(CultureInfo.InvariantCulture),
                item.CapturePath,
                item.ChannelId,
                item.MessageTs,
                item.Permalink,
                item.Link,
                item.AuthorId,
                item.ShiftKey,
                Time(item.UpdatedAtMs),
                item.ResolvedAtMs is { } resolved ? Time(resolved) : null,
                item.ResolvedBy,
                item.Resolution,
            ]);
            count++;
        }

        csv.Flush();
        return count;
    }

    private static string Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
