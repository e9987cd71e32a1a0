namespace SlackFeedbackBot.Customers;

/// <summary>A customer as recorded: how people name it, its email domains, and what it is worth to the company.</summary>
public sealed record Customer
{
    public long Id { get; init; }

    public string Name { get; init; } = "";

    public string? Tier { get; init; }

    /// <summary>Whole currency units per year; null when not known.</summary>
    public long? AnnualRevenue { get; init; }

    public string? Segment { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];

    public IReadOnlyList<string> Domains { get; init; } = [];

    /// <summary>The form names and aliases are matched by: trimmed, inner spaces collapsed, lower case.</summary>
    public static string Key(string name) => string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}

/// <summary>A customer found for a report, and how: by the name written, or by the reporter's email domain.</summary>
public sealed record CustomerMatch(Customer Customer, CustomerMatchedBy By);

public enum CustomerMatchedBy
{
    Name,
    EmailDomain,
}
