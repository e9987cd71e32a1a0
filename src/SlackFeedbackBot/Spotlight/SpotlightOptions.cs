namespace SlackFeedbackBot.Spotlight;

/// <summary>
/// The Spotlight rules, bound from the "Spotlight" section. The built-in buckets apply unless
/// <see cref="IncludeDefaultBuckets"/> is false; a configured bucket with a built-in id adds its phrases and
/// negative patterns after the built-in ones, any other id adds a new bucket. Pattern syntax: see README.md here.
/// </summary>
public sealed class SpotlightOptions
{
    public const string SectionName = "Spotlight";

    public bool IncludeDefaultBuckets { get; set; } = true;

    /// <summary>
    /// Bucket ids, strongest first. Buckets not listed follow the listed ones: built-in buckets in their default
    /// order (positioning, user_experience, product_marketing), then configured buckets in configuration order.
    /// </summary>
    public List<string> Precedence { get; set; } = [];

    public List<SpotlightBucketOptions> Buckets { get; set; } = [];
}

public sealed class SpotlightBucketOptions
{
    /// <summary>Lower-case letters, digits and underscores, e.g. "pricing".</summary>
    public string Id { get; set; } = "";

    public string? DisplayName { get; set; }

    public string? Description { get; set; }

    /// <summary>Positive patterns in priority order: the first one that matches is the one reported.</summary>
    public List<string> Phrases { get; set; } = [];

    /// <summary>Patterns that, when found anywhere in a text, keep this bucket from claiming it.</summary>
    public List<string> NegativePatterns { get; set; } = [];
}
