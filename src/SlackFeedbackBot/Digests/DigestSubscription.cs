namespace SlackFeedbackBot.Digests;

/// <summary>A channel that gets a digest on a schedule, in a time zone, optionally of one bucket or product area.</summary>
public sealed record DigestSubscription
{
    public long Id { get; init; }
    public required string ChannelId { get; init; }
    public required string Cadence { get; init; }
    public required string TimeZone { get; init; }
    public required string Cron { get; init; }
    public string? Bucket { get; init; }
    public string? ProductArea { get; init; }

    /// <summary>From configuration: kept in step with it at every start, and not removable from Slack.</summary>
    public bool Declared { get; init; }

    public string? CreatedBy { get; init; }

    public DigestPeriodKind PeriodKind => DigestCadence.PeriodKind(Cadence);

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>"weekly", "monthly, billing only" ...: how the subscription reads in lists and confirmations.</summary>
    public string Describe() =>
        Cadence + (Bucket is not null ? $", bucket `{Bucket}` only" : "") + (ProductArea is not null ? $", product area `{ProductArea}` only" : "");
}
