using Dapper;
using SlackFeedbackBot.Privacy;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Customers;

/// <summary>
/// A customer asking to be forgotten takes their record with them: name, aliases, email domains, tier and revenue.
/// The customer is found by its name or an alias, any case. People's data is not kept here, so a user request removes nothing.
/// </summary>
public sealed class CustomerErasure(Database database) : IPersonalDataEraser
{
    public Task<ErasureReport> EraseAsync(ErasureSubject subject, bool apply, CancellationToken ct)
    {
        if (subject.Customer is not { Length: > 0 } name)
        {
            return Task.FromResult(new ErasureReport("Customers", [], 0));
        }

        var key = Customer.Key(name);
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        var ids = connection.Query<long>(
            "SELECT id FROM customers WHERE name_key = @key UNION SELECT customer_id FROM customer_aliases WHERE alias_key = @key", new { key }, tx).AsList();
        // Aliases and domains go with the record (ON DELETE CASCADE).
        var removed = connection.Execute($"DELETE FROM customers WHERE {database.Dialect.InList("id", "@ids")}", new { ids }, tx);
        if (apply)
        {
            tx.Commit();
        }

        return Task.FromResult(new ErasureReport("Customers", [$"{removed} customer record{(removed == 1 ? "" : "s")} (with aliases and email domains)"], removed));
    }
}
