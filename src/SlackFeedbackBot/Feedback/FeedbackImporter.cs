using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Feedback;

/// <summary>A row that could not be imported, by its line in the file.</summary>
public sealed record ImportProblem(long Line, string Message)
{
    public override string ToString() => Line > 0 ? $"line {Line}: {Message}" : Message;
}

/// <summary>
/// What an import did. When <see cref="Problems"/> is not empty nothing was imported; otherwise
/// <see cref="Added"/> rows became items and <see cref="AlreadyThere"/> were in the database before.
/// </summary>
public sealed record ImportResult(int Rows, int Added, int AlreadyThere, IReadOnlyList<ImportProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Imports a spreadsheet of past feedback (CSV): a <c>text</c> column, optionally <c>created_at</c>, <c>customer</c>,
/// <c>reporter</c> (with <c>reporter_id</c>, the Slack user id, as the export writes it), <c>source</c> and <c>bucket</c>
/// (header names in any case). Every row is checked first; a file with
/// any unreadable row imports nothing and names the lines. Rows without a bucket are classified. A row imported
/// before is recognised by a hash of its normalised content and not added twice, and a row of this bot's own export
/// (its <c>id</c> and <c>created_at</c> name an item in the database) is already there.
/// </summary>
public sealed class FeedbackImporter(
    FeedbackRepository repository,
    ISpotlightClassifier classifier,
    FeedbackBuckets buckets,
    IOptions<FeedbackOptions> options,
    TimeProvider time)
{
    private const int MaxProblemsListed = 50;

    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy/MM/dd", "dd.MM.yyyy", "yyyy-MM-ddTHH:mm:ssK",
    ];

    public ImportResult Import(TextReader input)
    {
        var text = input.ReadToEnd();
        var problems = new List<ImportProblem>();
        var rows = new List<ImportRow>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ImportResult(0, 0, 0, [new ImportProblem(0, "The file is empty. Its first line must be a header with at least a `text` column.")]);
        }

        var readerOptions = CsvReaderOptions.Default with
        {
            HasHeader = true,
            Separator = GuessSeparator(text),
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            AllowLineBreaksInQuotes = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = record => problems.Add(new ImportProblem(record.LineNumber, Describe(record.Reason))),
        };

        using var csv = CsvReader.FromText(text, readerOptions);
        if (!csv.TryGetFieldIndex("text", out var textColumn))
        {
            return new ImportResult(0, 0, 0, [new ImportProblem(1, $"The header has no `text` column (it has: {string.Join(", ", csv.Headers.Select(h => $"`{h}`"))}). Optional columns: created_at, customer, reporter, source, bucket.")]);
        }

        var columns = new Columns(textColumn, Index(csv, "id"), Index(csv, "created_at"), Index(csv, "customer"), Index(csv, "reporter"), Index(csv, "source"), Index(csv, "bucket"), Index(csv, "reporter_id"));
        var rowCount = 0;
        while (csv.Read())
        {
            rowCount++;
            if (Row(csv, columns, problems) is { } row)
            {
                rows.Add(row);
            }
        }

        if (rowCount == 0 && problems.Count == 0)
        {
            problems.Add(new ImportProblem(0, "The file has a header but no rows."));
        }

        if (problems.Count > 0)
        {
            var listed = problems.OrderBy(p => p.Line).Take(MaxProblemsListed).ToList();
            if (problems.Count > MaxProblemsListed)
            {
                listed.Add(new ImportProblem(0, $"... and {problems.Count - MaxProblemsListed} more problems."));
            }

            return new ImportResult(rowCount, 0, 0, listed);
        }

        var exported = repository.ExistingItems(rows.Where(r => r.ExportedId is not null && r.Capture.CreatedAt is not null)
            .Select(r => (r.ExportedId!.Value, r.Capture.CreatedAt!.Value.ToUnixTimeMilliseconds())));
        var fresh = rows.Where(r => r.ExportedId is not { } id || !exported.Contains(id)).ToList();
        var added = repository.CaptureAll(fresh.Select(r => (r.Capture, r.Bucket, r.Rule)), time.GetUtcNow());
        return new ImportResult(rowCount, added, rows.Count - added, []);
    }

    private ImportRow? Row(CsvReader csv, Columns columns, List<ImportProblem> problems)
    {
        var line = csv.LineNumber;
        var count = problems.Count;
        var text = Field(csv, columns.Text);
        if (text is null)
        {
            problems.Add(new ImportProblem(line, "The `text` is empty."));
        }
        else if (text.Length > options.Value.MaxTextLength)
        {
            problems.Add(new ImportProblem(line, $"The `text` is {text.Length:N0} characters long; the limit is {options.Value.MaxTextLength:N0}."));
        }

        DateTimeOffset? createdAt = null;
        if (Field(csv, columns.CreatedAt) is { } date)
        {
            if (DateTimeOffset.TryParseExact(date, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                || DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out parsed))
            {
                createdAt = parsed;
            }
            else
            {
                problems.Add(new ImportProblem(line, $"`created_at` \"{date}\" is not a date; write it like 2025-03-14 or 2025-03-14T09:30:00Z."));
            }
        }

        var source = Field(csv, columns.Source)?.ToLowerInvariant();
        if (source is not null && !options.Value.EffectiveSources.Contains(source, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add(new ImportProblem(line, $"`source` \"{source}\" is not one of {string.Join(", ", options.Value.EffectiveSources)}."));
        }

        var typedBucket = Field(csv, columns.Bucket);
        var bucket = buckets.Find(typedBucket);
        if (typedBucket is not null && bucket is null)
        {
            problems.Add(new ImportProblem(line, $"`bucket` \"{typedBucket}\" does not exist; valid buckets: {string.Join(", ", buckets.Ids)}."));
        }

        if (problems.Count > count || text is null)
        {
            return null;
        }

        var customer = Field(csv, columns.Customer);
        // The export's reporter_id is the person; its reporter column is then only their name as it was.
        var reporter = Field(csv, columns.ReporterId) is { } reporterId && IsSlackUserId(reporterId) ? reporterId : Field(csv, columns.Reporter);
        var capture = new FeedbackCapture
        {
            Text = text,
            Customer = customer,
            Source = source,
            // A Slack user id in the reporter column is that person; a name is linked to one when the item is resolved.
            ReporterId = IsSlackUserId(reporter) ? reporter : null,
            ReporterName = IsSlackUserId(reporter) ? null : reporter,
            CapturePath = CapturePaths.Import,
            CreatedAt = createdAt,
            ImportKey = ImportKey(text, createdAt, customer, reporter, source),
        };
        // Another system's ids (letters, or numbers of its own) only match when created_at matches to the millisecond too.
        var exportedId = long.TryParse(Field(csv, columns.Id), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (long?)null;
        if (bucket is not null)
        {
            return new ImportRow(capture, bucket, FeedbackRuleHistory.ImportedBucketRule, exportedId);
        }

        var result = classifier.Classify(text);
        return new ImportRow(capture, result.Bucket, result.Rule, exportedId);
    }

    /// <summary>The same row imported again, even with other spacing or capitals, gets the same key.</summary>
    private static bool IsSlackUserId(string? value) =>
        value is { Length: >= 7 } && value[0] is 'U' or 'W' && value.Any(char.IsAsciiDigit) && value.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c));

    internal static string ImportKey(string text, DateTimeOffset? createdAt, string? customer, string? reporter, string? source)
    {
        var normalized = string.Join('\u001f', Normalize(text), createdAt?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? "", Normalize(customer), Normalize(reporter), Normalize(source));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }

    private static string Normalize(string? value) =>
        value is null ? "" : string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    /// <summary>A field's value, trimmed; null when empty or the column is absent. A leading ' that the export put before a would-be formula is taken off.</summary>
    private static string? Field(CsvReader csv, int column)
    {
        if (column < 0 || column >= csv.FieldCount)
        {
            return null;
        }

        var value = csv.GetString(column).Trim();
        if (value.Length > 1 && value[0] == '\'' && FeedbackExporter.FormulaStarts.Contains(value[1]))
        {
            value = value[1..];
        }

        return value.Length == 0 ? null : value;
    }

    private static int Index(CsvReader csv, string name) => csv.TryGetFieldIndex(name, out var index) ? index : -1;

    private static char GuessSeparator(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        return new[] { ',', ';', '\t' }.MaxBy(c => header.Count(h => h == c)) is var best && header.Contains(best) ? best : ',';
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a quote (\") inside a value that is not quoted; put the whole value in quotes and double the inner quote (\"\").",
        CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote; double quotes inside a quoted value (\"\").",
        CsvMalformedReason.UnterminatedQuote => "a quoted value that is never closed.",
        CsvMalformedReason.LineBreakInQuotes => "a line break inside a quoted value.",
        CsvMalformedReason.FieldCountMismatch => "a different number of columns than the header.",
        _ => "this row cannot be read as CSV.",
    };

    private sealed record ImportRow(FeedbackCapture Capture, string Bucket, string? Rule, long? ExportedId);

    private sealed record Columns(int Text, int Id, int CreatedAt, int Customer, int Reporter, int Source, int Bucket, int ReporterId);
}
