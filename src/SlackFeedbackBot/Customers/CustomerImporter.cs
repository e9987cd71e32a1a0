using System.Globalization;
using CsvHelper;

namespace SlackFeedbackBot.Customers;

/// <summary>
/// What an import did: each row's outcome by line, or, when the file itself cannot be used, one sentence saying why and
/// how to fix it (then nothing was imported).
/// </summary>
public sealed record CustomerImportResult(IReadOnlyList<CustomerRowResult> Rows, string? FileProblem)
{
    public int Count(CustomerRowOutcome outcome) => Rows.Count(r => r.Outcome == outcome);

    public static CustomerImportResult BadFile(string problem) => new([], problem);
}

/// <summary>
/// Imports customers from a CSV file with the header <c>name,domains,tier,annual_revenue,segment</c> (any order, any
/// case; only <c>name</c> is required; <c>aliases</c> may be added). Domains and aliases are separated by <c>;</c>,
/// spaces or commas. Each row is added, or updates the customer of that name; a row that cannot be used is refused
/// with its line and the rest are imported.
/// </summary>
public sealed class CustomerImporter(CustomerRepository repository, TimeProvider time)
{
    public static readonly IReadOnlyList<string> Headers = ["name", "domains", "tier", "annual_revenue", "segment", "aliases"];

    private static readonly char[] ListSeparators = [';', ',', ' ', '\t', '\n', '\r'];

    public CustomerImportResult Import(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return CustomerImportResult.BadFile($"the file is empty; its first line must be the header {string.Join(",", Headers.Take(5))}.");
        }

        var refused = new List<CustomerRowResult>();
        var options = CsvReaderOptions.Default with
        {
            HasHeader = true,
            Separator = GuessSeparator(text),
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            AllowLineBreaksInQuotes = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = record => refused.Add(new CustomerRowResult((int)record.LineNumber, "", CustomerRowOutcome.Refused, "this row cannot be read as CSV (check its quotes).")),
        };

        using var csv = CsvReader.FromText(text, options);
        var unknown = csv.Headers.Where(h => h.Trim().Length > 0 && !Headers.Contains(h.Trim(), StringComparer.OrdinalIgnoreCase)).ToList();
        if (!csv.TryGetFieldIndex("name", out var nameColumn))
        {
            return CustomerImportResult.BadFile($"the header has no `name` column (it has: {string.Join(", ", csv.Headers)}); the first line must be {string.Join(",", Headers.Take(5))}.");
        }

        if (unknown.Count > 0)
        {
            return CustomerImportResult.BadFile($"the header has a column I do not know: `{unknown[0]}`; the columns are {string.Join(", ", Headers)}.");
        }

        var columns = new Columns(nameColumn, Index(csv, "aliases"), Index(csv, "domains"), Index(csv, "tier"), Index(csv, "annual_revenue"), Index(csv, "segment"));
        var rows = new List<CustomerRow>();
        var seenNames = new Dictionary<string, int>(StringComparer.Ordinal);
        var seenDomains = new Dictionary<string, string>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var line = (int)csv.LineNumber;
            if (Row(csv, columns, line) is not { } row)
            {
                continue;
            }

            if (row.Problem is { } problem)
            {
                refused.Add(new CustomerRowResult(line, row.Row?.Name ?? "", CustomerRowOutcome.Refused, problem));
                continue;
            }

            var customer = row.Row!;
            if (seenNames.TryGetValue(Customer.Key(customer.Name), out var earlier))
            {
                refused.Add(new CustomerRowResult(line, customer.Name, CustomerRowOutcome.Refused, $"line {earlier} names {customer.Name} already; keep one row per customer."));
                continue;
            }

            if (customer.Domains?.FirstOrDefault(seenDomains.ContainsKey) is { } shared)
            {
                refused.Add(new CustomerRowResult(line, customer.Name, CustomerRowOutcome.Refused, $"the domain {shared} is {seenDomains[shared]}'s, on an earlier line."));
                continue;
            }

            seenNames[Customer.Key(customer.Name)] = line;
            foreach (var domain in customer.Domains ?? [])
            {
                seenDomains[domain] = customer.Name;
            }

            rows.Add(customer);
        }

        if (rows.Count == 0 && refused.Count == 0)
        {
            return CustomerImportResult.BadFile("the file has a header but no rows.");
        }

        var stored = repository.Upsert(rows, time.GetUtcNow());
        return new CustomerImportResult([.. stored.Concat(refused).OrderBy(r => r.Line)], null);
    }

    private static (CustomerRow? Row, string? Problem)? Row(CsvReader csv, Columns columns, int line)
    {
        var name = Field(csv, columns.Name);
        var revenueText = Field(csv, columns.AnnualRevenue);
        if (name is null)
        {
            return AllEmpty(csv) ? null : (null, "the `name` is empty.");
        }

        if (name.Length > 200)
        {
            return (null, $"the `name` is {name.Length} characters long; keep it under 200.");
        }

        long? revenue = null;
        if (revenueText is not null)
        {
            if (!Money.TryParse(revenueText, out var amount))
            {
                return (null, $"`annual_revenue` \"{revenueText}\" is not an amount; write it like 250000, 250,000 or 250k.");
            }

            revenue = amount;
        }

        List<string>? domains = null;
        if (columns.Domains >= 0)
        {
            domains = [];
            foreach (var typed in List(Field(csv, columns.Domains)))
            {
                var domain = typed.TrimStart('@').TrimEnd('.').ToLowerInvariant();
                if (domain.Contains('@'))
                {
                    domain = domain[(domain.LastIndexOf('@') + 1)..];
                }

                if (!IsDomain(domain))
                {
                    return (new CustomerRow(line, name, null, null, null, null, null), $"\"{typed}\" is not an email domain; write it like acme.com.");
                }

                if (FreeMailDomains.Contains(domain))
                {
                    return (new CustomerRow(line, name, null, null, null, null, null), $"{domain} is a free-mail domain: anyone can have an address there, so it cannot tell who a customer is. Leave it out.");
                }

                if (!domains.Contains(domain))
                {
                    domains.Add(domain);
                }
            }
        }

        var aliases = columns.Aliases < 0 ? null : (Field(csv, columns.Aliases) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var present = (columns.Tier >= 0 ? CustomerColumns.Tier : 0) | (columns.AnnualRevenue >= 0 ? CustomerColumns.AnnualRevenue : 0) | (columns.Segment >= 0 ? CustomerColumns.Segment : 0);
        return (new CustomerRow(line, name, aliases, domains, Field(csv, columns.Tier), revenue, Field(csv, columns.Segment)) { Present = present }, null);
    }

    private static IEnumerable<string> List(string? value) => (value ?? "").Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries);

    private static bool IsDomain(string domain) =>
        domain.Length is > 3 and <= 253 && domain.Contains('.')
        && domain.Split('.').All(label => label.Length is > 0 and <= 63 && label[0] != '-' && label[^1] != '-' && label.All(c => char.IsLetterOrDigit(c) || c == '-'));

    private static bool AllEmpty(CsvReader csv) => Enumerable.Range(0, csv.FieldCount).All(i => csv.GetString(i).Trim().Length == 0);

    private static string? Field(CsvReader csv, int column)
    {
        if (column < 0 || column >= csv.FieldCount)
        {
            return null;
        }

        var value = csv.GetString(column).Trim();
        return value.Length == 0 ? null : value;
    }

    private static int Index(CsvReader csv, string name) => csv.TryGetFieldIndex(name, out var index) ? index : -1;

    private static char GuessSeparator(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        return new[] { ',', ';', '\t' }.MaxBy(c => header.Count(h => h == c)) is var best && header.Contains(best) ? best : ',';
    }

    private sealed record Columns(int Name, int Aliases, int Domains, int Tier, int AnnualRevenue, int Segment);
}
