using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Customers;

/// <summary>
/// One customer as a row of an import. Null lists, and the values of columns not in <see cref="Present"/>, mean the
/// file has no such column: an existing record keeps its own.
/// </summary>
public sealed record CustomerRow(int Line, string Name, IReadOnlyList<string>? Aliases, IReadOnlyList<string>? Domains, string? Tier, long? AnnualRevenue, string? Segment)
{
    public CustomerColumns Present { get; init; } = CustomerColumns.All;

    /// <summary>The row over what the record holds: a column the file lacks keeps the record's value.</summary>
    public CustomerRow Over(Customer existing) => this with
    {
        Tier = Present.HasFlag(CustomerColumns.Tier) ? Tier : existing.Tier,
        AnnualRevenue = Present.HasFlag(CustomerColumns.AnnualRevenue) ? AnnualRevenue : existing.AnnualRevenue,
        Segment = Present.HasFlag(CustomerColumns.Segment) ? Segment : existing.Segment,
    };
}

[Flags]
public enum CustomerColumns
{
    None = 0,
    Tier = 1,
    AnnualRevenue = 2,
    Segment = 4,
    All = Tier | AnnualRevenue | Segment,
}

public enum CustomerRowOutcome
{
    Added,
    Updated,
    Unchanged,
    Refused,
}

/// <summary>What became of one imported row, by its line in the file.</summary>
public sealed record CustomerRowResult(int Line, string Name, CustomerRowOutcome Outcome, string? Problem = null);

/// <summary>The customers, their aliases and their email domains in the database: the only reader and writer of those tables.</summary>
public sealed class CustomerRepository(Database database)
{
    private const string Columns = "id AS Id, name AS Name, tier AS Tier, annual_revenue AS AnnualRevenue, segment AS Segment";

    /// <summary>
    /// Adds or updates each row by its name (case-insensitively), in one transaction. A row is refused, and nothing of it
    /// written, when its name is another customer's alias or one of its domains or aliases belongs to another customer.
    /// </summary>
    public IReadOnlyList<CustomerRowResult> Upsert(IReadOnlyList<CustomerRow> rows, DateTimeOffset now)
    {
        var results = new List<CustomerRowResult>();
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        var nowMs = now.ToUnixTimeMilliseconds();
        foreach (var typed in rows)
        {
            var key = Customer.Key(typed.Name);
            var existing = connection.QuerySingleOrDefault<Customer>($"SELECT {Columns} FROM customers WHERE name_key = @key", new { key }, tx);
            var row = existing is null ? typed : typed.Over(existing);
            var id = existing?.Id ?? 0;
            if (existing is null && connection.QuerySingleOrDefault<string>(
                    "SELECT c.name FROM customer_aliases a JOIN customers c ON c.id = a.customer_id WHERE a.alias_key = @key", new { key }, tx) is { } owner)
            {
                results.Add(new CustomerRowResult(row.Line, row.Name, CustomerRowOutcome.Refused, $"\"{row.Name}\" is an alias of {owner}; use that name to update it."));
                continue;
            }

            if (row.Domains is { Count: > 0 } domains && connection.QueryFirstOrDefault<DomainOwner>(
                    $"SELECT d.domain AS Domain, c.name AS Owner FROM customer_domains d JOIN customers c ON c.id = d.customer_id WHERE {database.Dialect.InList("d.domain", "@domains")} AND d.customer_id <> @id ORDER BY d.domain",
                    new { domains, id }, tx) is { } taken)
            {
                results.Add(new CustomerRowResult(row.Line, row.Name, CustomerRowOutcome.Refused, $"the domain {taken.Domain} belongs to {taken.Owner}."));
                continue;
            }

            var aliasKeys = row.Aliases?.Select(Customer.Key).ToList() ?? [];
            if (aliasKeys.Count > 0 && connection.QueryFirstOrDefault<string>($"""
                    SELECT c.name FROM customer_aliases a JOIN customers c ON c.id = a.customer_id WHERE {database.Dialect.InList("a.alias_key", "@aliasKeys")} AND a.customer_id <> @id
                    UNION ALL SELECT name FROM customers WHERE {database.Dialect.InList("name_key", "@aliasKeys")} AND id <> @id
                    """, new { aliasKeys, id }, tx) is { } other)
            {
                results.Add(new CustomerRowResult(row.Line, row.Name, CustomerRowOutcome.Refused, $"one of its aliases already names {other}."));
                continue;
            }

            var outcome = existing is null ? CustomerRowOutcome.Added : Changed(connection, tx, existing, row) ? CustomerRowOutcome.Updated : CustomerRowOutcome.Unchanged;
            if (existing is null)
            {
                id = connection.QuerySingle<long>("""
                    INSERT INTO customers (name, name_key, tier, annual_revenue, segment, created_at, updated_at)
                    VALUES (@Name, @key, @Tier, @AnnualRevenue, @Segment, @nowMs, @nowMs) RETURNING id
                    """, new { row.Name, key, row.Tier, row.AnnualRevenue, row.Segment, nowMs }, tx);
            }
            else if (outcome == CustomerRowOutcome.Updated)
            {
                connection.Execute(
                    "UPDATE customers SET name = @Name, tier = @Tier, annual_revenue = @AnnualRevenue, segment = @Segment, updated_at = @nowMs WHERE id = @id",
                    new { row.Name, row.Tier, row.AnnualRevenue, row.Segment, nowMs, id }, tx);
            }

            if (row.Domains is { } newDomains && outcome != CustomerRowOutcome.Unchanged)
            {
                connection.Execute("DELETE FROM customer_domains WHERE customer_id = @id", new { id }, tx);
                connection.Execute("INSERT INTO customer_domains (domain, customer_id) VALUES (@domain, @id) ON CONFLICT DO NOTHING", newDomains.Select(domain => new { domain, id }), tx);
            }

            if (row.Aliases is { } aliases && outcome != CustomerRowOutcome.Unchanged)
            {
                connection.Execute("DELETE FROM customer_aliases WHERE customer_id = @id", new { id }, tx);
                connection.Execute(
                    "INSERT INTO customer_aliases (alias_key, alias, customer_id) VALUES (@aliasKey, @alias, @id) ON CONFLICT DO NOTHING",
                    aliases.Where(a => Customer.Key(a) != key).Select(alias => new { aliasKey = Customer.Key(alias), alias, id }), tx);
            }

            results.Add(new CustomerRowResult(row.Line, row.Name, outcome));
        }

        tx.Commit();
        return results;
    }

    /// <summary>Every customer, by name, with aliases and domains.</summary>
    public IReadOnlyList<Customer> All()
    {
        using var connection = database.Open();
        var customers = connection.Query<Customer>($"SELECT {Columns} FROM customers ORDER BY name_key").AsList();
        var aliases = connection.Query<(long Id, string Alias)>("SELECT customer_id, alias FROM customer_aliases ORDER BY alias_key").ToLookup(a => a.Id, a => a.Alias);
        var domains = connection.Query<(long Id, string Domain)>("SELECT customer_id, domain FROM customer_domains ORDER BY domain").ToLookup(d => d.Id, d => d.Domain);
        return customers.Select(c => c with { Aliases = aliases[c.Id].ToList(), Domains = domains[c.Id].ToList() }).ToList();
    }

    /// <summary>The customer called <paramref name="name"/> or known by it as an alias (case-insensitively), or null.</summary>
    public Customer? FindByName(string name)
    {
        var key = Customer.Key(name);
        if (key.Length == 0)
        {
            return null;
        }

        using var connection = database.Open();
        var id = connection.QueryFirstOrDefault<long?>(
            "SELECT id FROM customers WHERE name_key = @key UNION ALL SELECT customer_id FROM customer_aliases WHERE alias_key = @key LIMIT 1", new { key });
        return id is null ? null : Load(connection, id.Value);
    }

    /// <summary>The customer owning <paramref name="domain"/> or the closest domain above it (eu.acme.com → acme.com), or null.</summary>
    public Customer? FindByDomain(string domain)
    {
        var labels = domain.Trim().TrimEnd('.').ToLowerInvariant().Split('.');
        var candidates = Enumerable.Range(0, Math.Max(0, labels.Length - 1)).Select(i => string.Join('.', labels[i..])).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        using var connection = database.Open();
        var id = connection.QueryFirstOrDefault<long?>(
            $"SELECT customer_id FROM customer_domains WHERE {database.Dialect.InList("domain", "@candidates")} ORDER BY length(domain) DESC LIMIT 1", new { candidates });
        return id is null ? null : Load(connection, id.Value);
    }

    /// <summary>Whether any customer has an email domain: without one there is no reason to ask Slack for emails.</summary>
    public bool AnyDomains()
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<bool>("SELECT EXISTS (SELECT 1 FROM customer_domains)");
    }

    private sealed class DomainOwner
    {
        public string Domain { get; set; } = "";

        public string Owner { get; set; } = "";
    }

    private static Customer Load(DbConnection connection, long id) =>
        connection.QuerySingle<Customer>($"SELECT {Columns} FROM customers WHERE id = @id", new { id }) with
        {
            Aliases = connection.Query<string>("SELECT alias FROM customer_aliases WHERE customer_id = @id ORDER BY alias_key", new { id }).AsList(),
            Domains = connection.Query<string>("SELECT domain FROM customer_domains WHERE customer_id = @id ORDER BY domain", new { id }).AsList(),
        };

    private static bool Changed(DbConnection connection, DbTransaction tx, Customer existing, CustomerRow row)
    {
        if (existing.Name != row.Name || existing.Tier != row.Tier || existing.AnnualRevenue != row.AnnualRevenue || existing.Segment != row.Segment)
        {
            return true;
        }

        var id = existing.Id;
        if (row.Domains is { } domains
            && !connection.Query<string>("SELECT domain FROM customer_domains WHERE customer_id = @id", new { id }, tx).ToHashSet().SetEquals(domains))
        {
            return true;
        }

        return row.Aliases is { } aliases
            && !connection.Query<string>("SELECT alias FROM customer_aliases WHERE customer_id = @id", new { id }, tx).ToHashSet().SetEquals(aliases.Where(a => Customer.Key(a) != Customer.Key(row.Name)));
    }
}
