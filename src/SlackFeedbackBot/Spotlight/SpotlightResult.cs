namespace SlackFeedbackBot.Spotlight;

/// <summary>
/// Where a text landed and why: <paramref name="Rule"/> reads like <c>user_experience: "how do i"</c>
/// so a person can see which phrase decided it; it is null when nothing matched.
/// </summary>
public sealed record SpotlightResult(string Bucket, string? Rule)
{
    public static SpotlightResult Unclassified { get; } = new(SpotlightBuckets.Unclassified, null);

    public bool IsClassified => Rule is not null;
}
