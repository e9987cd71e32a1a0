namespace SlackFeedbackBot.Digests;

/// <summary>Items that ask for the same thing, e.g. "integrate trello: 5 reports, 3 customers".</summary>
public sealed record KeyPhraseGroup(
    string Label,
    IReadOnlyList<string> KeyTerms,
    int ReportCount,
    int CustomerCount,
    string RepresentativeQuote,
    string? Permalink,
    IReadOnlyList<long> ItemIds)
{
    /// <summary>"5 reports, 3 customers", or only the reports when no customer is known.</summary>
    public string Counts => CustomerCount == 0
        ? Plural.Of(ReportCount, "report")
        : $"{Plural.Of(ReportCount, "report")}, {Plural.Of(CustomerCount, "customer")}";

    public string Summary => $"{Label}: {Counts}";
}

internal static class Plural
{
    public static string Of(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
