using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Feedback;

/// <summary>The buckets an item can be in (the classifier's, plus unclassified) and how people may name them.</summary>
public sealed class FeedbackBuckets(ISpotlightClassifier classifier)
{
    private readonly IReadOnlyList<SpotlightBucket> _all =
    [
        .. classifier.Buckets,
        new SpotlightBucket(SpotlightBuckets.Unclassified, "Unclassified", "Matched no rule: someone should triage it.", int.MaxValue),
    ];

    public IReadOnlyList<SpotlightBucket> All => _all;

    public IEnumerable<string> Ids => _all.Select(b => b.Id);

    public string Display(string bucketId) =>
        _all.FirstOrDefault(b => b.Id == bucketId)?.DisplayName ?? bucketId;

    /// <summary>Finds a bucket by id or display name, ignoring case, spaces, dashes and underscores.</summary>
    public string? Find(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var key = Key(typed);
        return _all.FirstOrDefault(b => Key(b.Id) == key || Key(b.DisplayName) == key)?.Id;
    }

    /// <summary>"user_experience, product_marketing, ..." for answers to a bucket that does not exist.</summary>
    public string ValidList() => string.Join(", ", _all.Select(b => $"`{b.Id}`"));

    private static string Key(string value) =>
        new(value.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
