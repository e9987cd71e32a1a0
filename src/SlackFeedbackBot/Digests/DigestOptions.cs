namespace SlackFeedbackBot.Digests;

/// <summary>
/// Digest reports to channels (section <c>Digests</c>):
/// <code>
/// "Digests": {
///   "TimeZone": "Europe/Berlin",
///   "Subscriptions": [
///     { "Channel": "C0PRODUCT1", "Cadence": "weekly" },
///     { "Channel": "C0BILLING1", "Cadence": "monthly", "TimeZone": "America/New_York", "ProductArea": "billing" },
///     { "Channel": "C0UXTEAM01", "Cadence": "weekly", "Cron": "0 0 16 ? * FRI", "Bucket": "user_experience" }
///   ]
/// }
/// </code>
/// </summary>
public sealed class DigestOptions
{
    public const string Section = "Digests";

    /// <summary>The zone of subscriptions that name none, and of on-demand digests when the asker's zone is unknown.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>A digest posted this long after its scheduled time says it is late.</summary>
    public TimeSpan LateAfter { get; set; } = TimeSpan.FromMinutes(10);

    public List<DigestSubscriptionOptions> Subscriptions { get; set; } = [];
}

public sealed class DigestSubscriptionOptions
{
    /// <summary>The channel id (C…/G…); a Slack link such as &lt;#C123|product&gt; is accepted too.</summary>
    public string Channel { get; set; } = "";

    /// <summary><c>weekly</c> (Mondays 09:00) or <c>monthly</c> (the 1st at 09:00).</summary>
    public string Cadence { get; set; } = "weekly";

    /// <summary>IANA zone of the schedule and of the period boundaries; default <see cref="DigestOptions.TimeZone"/>.</summary>
    public string? TimeZone { get; set; }

    /// <summary>A Quartz cron expression replacing the cadence's default time.</summary>
    public string? Cron { get; set; }

    /// <summary>Only this bucket's feedback.</summary>
    public string? Bucket { get; set; }

    /// <summary>Only this product area's feedback.</summary>
    public string? ProductArea { get; set; }
}
