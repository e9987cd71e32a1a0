using Microsoft.Extensions.Options;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Digests;

/// <summary>
/// The buckets a digest shows, in the classifier's order, each with the literal phrases of its rules
/// ("how do i", "can you"): the grouper drops their words because every item of the bucket shares them.
/// Phrases with pattern syntax (alternatives, gaps) are left out; their words stay in the groups.
/// </summary>
public sealed class DigestBucketCatalog(FeedbackBuckets buckets, IOptions<SpotlightOptions> spotlight)
{
    private IReadOnlyList<DigestBucket>? _all;

    public IReadOnlyList<DigestBucket> All => _all ??= Build();

    public IReadOnlyList<DigestBucket> For(DigestFilter filter) =>
        filter.Bucket is null ? All : All.Where(b => b.Id == filter.Bucket).ToList();

    private List<DigestBucket> Build()
    {
        var rules = spotlight.Value;
        var phrases = (rules.IncludeDefaultBuckets ? SpotlightDefaults.CreateBuckets() : [])
            .Concat(rules.Buckets)
            .GroupBy(b => b.Id, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.SelectMany(b => b.Phrases).Where(IsLiteral).Distinct().ToList(), StringComparer.OrdinalIgnoreCase);
        return buckets.All
            .Select(b => new DigestBucket(b.Id, b.DisplayName, phrases.TryGetValue(b.Id, out var list) ? list : []))
            .ToList();
    }

    private static bool IsLiteral(string phrase) => phrase.Length > 0 && phrase.All(c => char.IsLetterOrDigit(c) || c is ' ' or '\'' or '’');
}
