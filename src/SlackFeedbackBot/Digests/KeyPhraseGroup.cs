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

    /// <summary>Its reports in the previous period.</summary>
    public int PreviousReportCount { get; init; }

    /// <summary>Null when the digest has no previous period to compare with.</summary>
    public IssueTrend? Trend { get; init; }

    /// <summary>One reporter's answer to why it matters, cut to the quote length; null when nobody said.</summary>
    public string? Why { get; init; }

    /// <summary>"new", "rising, +3", "falling, −2" (with a minus sign), "steady", or "" without a previous period.</summary>
    public string TrendText => Trend switch
    {
        null => "",
        IssueTrend.New => "new",
        IssueTrend.Rising => $"rising, +{ReportCount - PreviousReportCount}",
        IssueTrend.Falling => $"falling, \u2212{PreviousReportCount - ReportCount}",
        _ => "steady",
    };
}

/// <summary>How an issue moved against the previous period: first heard now, heard more, heard less, or as often.</summary>
public enum IssueTrend
{
    New,
    Rising,
    Falling,
    Steady,
}

internal static class Plural
{
    public static string Of(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
