namespace SlackFeedbackBot.Spotlight;

/// <summary>The fixed ids of the built-in buckets; reports, digests and exports rely on them.</summary>
public static class SpotlightBuckets
{
    public const string UserExperience = "user_experience";
    public const string ProductMarketing = "product_marketing";
    public const string Positioning = "positioning";

    /// <summary>The fallback for text no bucket claims (bugs, praise, outages): kept so someone triages it.</summary>
    public const string Unclassified = "unclassified";
}
