using System.CommandLine;
using SlackFeedbackBot.Customers;
using SlackFeedbackBot.Feedback;

namespace SlackFeedbackBot.Cli;

/// <summary><c>customers import &lt;file.csv&gt;</c> and <c>customers list</c>: the customer records thresholds weigh.</summary>
public static class CustomersCommand
{
    public static Command Create(BotConsole console)
    {
        var customers = new Command("customers", "Customer records (name, domains, tier, annual revenue, segment): import them from CSV, list them.");

        var db = BotCommandLine.DbOption();
        var file = new Argument<FileInfo>("file") { Description = "A CSV file with the header name,domains,tier,annual_revenue,segment (optional: aliases)." };
        var import = new Command("import", "Add or update customers (by name) from a CSV file; rows that cannot be used are refused by line, the rest imported.") { file, db };
        import.SetAction((result, ct) => CliServices.RunAsync(console, result.GetValue(db), services =>
            Task.FromResult(Import(services.GetRequiredService<CustomerImporter>(), result.GetValue(file)!, console.Out, console.Error))));
        customers.Add(import);

        var listDb = BotCommandLine.DbOption();
        var list = new Command("list", "Print every customer, and whether it is high value and why.") { listDb };
        list.SetAction((result, ct) => CliServices.RunAsync(console, result.GetValue(listDb), services =>
            Task.FromResult(List(services.GetRequiredService<CustomerRepository>(), services.GetRequiredService<CustomerValues>(), console.Out))));
        customers.Add(list);
        return customers;
    }

    /// <summary>0 when every row was used, 1 when some were refused (the rest imported), 2 when the file cannot be used.</summary>
    public static int Import(CustomerImporter importer, FileInfo path, TextWriter output, TextWriter error)
    {
        if (!path.Exists)
        {
            error.WriteLine($"Nothing imported: there is no file {path.FullName}; give the path of a CSV file with the header name,domains,tier,annual_revenue,segment.");
            return 2;
        }

        if (!CsvFileText.TryDecode(File.ReadAllBytes(path.FullName), path.Name, out var decoded, out var encodingError))
        {
            error.WriteLine($"Nothing imported: {encodingError}");
            return 2;
        }

        var outcome = importer.Import(decoded.Text);
        if (outcome.FileProblem is { } problem)
        {
            error.WriteLine($"Nothing imported from {path.Name}: {problem}");
            return 2;
        }

        foreach (var row in outcome.Rows.Where(r => r.Outcome != CustomerRowOutcome.Unchanged))
        {
            var line = $"line {row.Line}: {row.Outcome.ToString().ToLowerInvariant()} {row.Name}".TrimEnd();
            (row.Outcome == CustomerRowOutcome.Refused ? error : output).WriteLine(row.Problem is null ? line : $"{line}: {row.Problem}");
        }

        var refused = outcome.Count(CustomerRowOutcome.Refused);
        output.WriteLine($"Customers from {path.Name}: {outcome.Count(CustomerRowOutcome.Added)} added, {outcome.Count(CustomerRowOutcome.Updated)} updated, {outcome.Count(CustomerRowOutcome.Unchanged)} unchanged, {refused} refused.");
        return refused == 0 ? 0 : 1;
    }

    public static int List(CustomerRepository repository, CustomerValues queries, TextWriter output)
    {
        var all = repository.All();
        if (all.Count == 0)
        {
            output.WriteLine("No customers yet. Import them with: customers import customers.csv");
            return 0;
        }

        foreach (var customer in all)
        {
            var parts = new List<string> { customer.Name };
            parts.Add(customer.Tier is null ? "no tier" : $"tier {customer.Tier}");
            parts.Add(customer.AnnualRevenue is { } revenue ? $"{Money.Short(revenue)}/year" : "revenue unknown");
            if (customer.Segment is not null)
            {
                parts.Add($"segment {customer.Segment}");
            }

            parts.Add(customer.Domains.Count == 0 ? "no domains" : string.Join(" ", customer.Domains));
            if (customer.Aliases.Count > 0)
            {
                parts.Add("also " + string.Join("; ", customer.Aliases));
            }

            parts.Add($"weight {queries.ValueWeight(customer):0.##}");
            if (queries.HighValueReason(customer) is { } reason)
            {
                parts.Add("HIGH VALUE (" + reason[(customer.Name.Length + 2)..] + ")");
            }

            output.WriteLine(string.Join(" · ", parts));
        }

        output.WriteLine($"{all.Count} customer(s).");
        return 0;
    }
}
