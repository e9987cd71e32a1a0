using Microsoft.Extensions.Logging;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Directory;

namespace SlackFeedbackBot.Customers;

/// <summary>
/// What other features may ask about customers: which customer a report is about (by the name written, else by the
/// reporter's email domain), what that customer weighs, and whether it is high value and why.
/// </summary>
public sealed class CustomerQueries(
    CustomerRepository repository,
    WorkspaceDirectory directory,
    CustomerValues values,
    ILogger<CustomerQueries> log)
{
    /// <summary>
    /// The customer named by <paramref name="customerText"/> (its name or an alias, any case). With no name written, the
    /// customer whose email domain the reporter's Slack profile has; a free-mail domain never matches.
    /// A name written that is no customer's is taken as written: the reporter's domain does not override it.
    /// </summary>
    public async Task<CustomerMatch?> MatchAsync(string? customerText, string? reporterId, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(customerText))
        {
            return repository.FindByName(customerText) is { } named ? new CustomerMatch(named, CustomerMatchedBy.Name) : null;
        }

        if (string.IsNullOrEmpty(reporterId) || !repository.AnyDomains())
        {
            return null;
        }

        string? email;
        try
        {
            email = await directory.FindEmailAsync(reporterId, ct);
        }
        catch (SlackApiException ex)
        {
            // Not knowing the customer only makes the report count as its reporter; the capture goes on.
            log.LogInformation("Could not read the email of {User} to find their customer: {Error}", reporterId, ex.ErrorCode);
            return null;
        }

        var at = email?.LastIndexOf('@') ?? -1;
        if (at < 0 || at == email!.Length - 1)
        {
            return null;
        }

        var domain = email[(at + 1)..].ToLowerInvariant();
        return !FreeMailDomains.Contains(domain) && repository.FindByDomain(domain) is { } owner ? new CustomerMatch(owner, CustomerMatchedBy.EmailDomain) : null;
    }

    /// <summary>What the customer's voice weighs: the larger of its tier's weight and its revenue band's; 1 when neither applies.</summary>
    public double ValueWeight(Customer customer) => values.ValueWeight(customer);

    /// <summary>How much the importance a reporter gave multiplies the weight (none given: medium).</summary>
    public double ImportanceWeight(string? importance) => values.ImportanceWeight(importance);

    /// <summary>Why the customer is high value ("Acme: annual revenue $250k ≥ $100k"), or null when it is not.</summary>
    public string? HighValueReason(Customer customer) => values.HighValueReason(customer);

    /// <summary>
    /// Counts the distinct customers behind some reports, weighted by value and importance. The same reporter with the
    /// same words counts once; a report without a known customer counts by its customer text, else its reporter, with
    /// weight 1 (times its importance). Each customer counts once, at the most its reports weigh.
    /// </summary>
    public async Task<CustomerTally> TallyAsync(IEnumerable<CustomerVoice> voices, CancellationToken ct)
    {
        var weights = new Dictionary<string, (string Name, double Weight, Customer? Known, bool Named)>(StringComparer.Ordinal);
        var heard = new HashSet<(string, string)>();
        foreach (var voice in voices)
        {
            var reporter = voice.ReporterId ?? Customer.Key(voice.ReporterName ?? "");
            if (reporter.Length > 0 && !heard.Add((reporter, Customer.Key(voice.Words))))
            {
                continue;
            }

            var match = await MatchAsync(voice.CustomerText, voice.ReporterId, ct);
            var (key, name) = match is { Customer: var known }
                ? ($"customer:{known.Id}", known.Name)
                : !string.IsNullOrWhiteSpace(voice.CustomerText)
                    ? ($"text:{Customer.Key(voice.CustomerText)}", voice.CustomerText.Trim())
                    : ($"reporter:{(reporter.Length > 0 ? reporter : Guid.NewGuid().ToString())}", voice.ReporterName is { Length: > 0 } reporterName ? $"{reporterName}'s customer" : "a customer not named");
            var weight = (match is null ? 1 : ValueWeight(match.Customer)) * ImportanceWeight(voice.Importance);
            if (!weights.TryGetValue(key, out var before) || weight > before.Weight)
            {
                weights[key] = (name, weight, match?.Customer, Named: !key.StartsWith("reporter:", StringComparison.Ordinal));
            }
        }

        var customers = weights.Values.OrderByDescending(w => w.Weight).ThenBy(w => w.Name, StringComparer.OrdinalIgnoreCase)
            .Select(w => new WeighedCustomer(w.Name, w.Weight, w.Known) { Named = w.Named }).ToList();
        return new CustomerTally(customers);
    }
}

/// <summary>One report as a threshold counts it: who reported it, in which words, about which customer, how important.</summary>
public sealed record CustomerVoice(string? ReporterId, string? ReporterName, string Words, string? CustomerText, string? Importance);

/// <summary>A customer counted by a threshold, with what its voice weighs; <see cref="Known"/> when it is a record.</summary>
public sealed record WeighedCustomer(string Name, double Weight, Customer? Known)
{
    /// <summary>
    /// False when the report named no customer and none was found by the reporter's email: the customer counts by its
    /// reporter, and <see cref="Name"/> only says whose ("ana's customer").
    /// </summary>
    public bool Named { get; init; } = true;
}

/// <summary>The distinct customers behind some reports, heaviest first, and what they weigh together.</summary>
public sealed record CustomerTally(IReadOnlyList<WeighedCustomer> Customers)
{
    public double Weight => Customers.Sum(c => c.Weight);
}
