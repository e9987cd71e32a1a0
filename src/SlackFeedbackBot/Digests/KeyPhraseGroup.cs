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
    public string Summary
    {
        get
        {
            var reports = Plural.Of(ReportCount, "report");
            return CustomerCount == 0
                ? $"{Label}: {reports}"
                : $"{Label}: {reports}, {Plural.Of(CustomerCount, "customer")}";
        }
    }
}

internal static class Plural
{
    public static string Of(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
