namespace SlackFeedbackBot.Digests;

/// <summary>How often a channel gets its digest, and when by default (Quartz cron, in the subscriber's zone).</summary>
public static class DigestCadence
{
    public const string Weekly = "weekly";
    public const string Monthly = "monthly";

    public const string WeeklyCron = "0 0 9 ? * MON";
    public const string MonthlyCron = "0 0 9 1 * ?";

    public static IReadOnlyList<string> All { get; } = [Weekly, Monthly];

    /// <summary>"weekly", "week", "monthly", "month" (any case) to the stored cadence, else null.</summary>
    public static string? Parse(string? typed) => typed?.Trim().ToLowerInvariant() switch
    {
        "weekly" or "week" => Weekly,
        "monthly" or "month" => Monthly,
        _ => null,
    };

    public static DigestPeriodKind PeriodKind(string cadence) => cadence == Monthly ? DigestPeriodKind.Month : DigestPeriodKind.Week;

    public static string DefaultCron(string cadence) => cadence == Monthly ? MonthlyCron : WeeklyCron;
}
