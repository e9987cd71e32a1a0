using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Rotations;

namespace SlackFeedbackBot.Digests;

/// <summary>
/// The other features' query APIs a digest's sections load from: nobody in Digests reads another feature's tables.
/// Feedback answers what was heard, resolved and alerted (<see cref="FeedbackDigestQueries"/>), Rotations who served
/// (<see cref="RotationDigestQueries"/>). Slack, which names people, is asked only through <see cref="DigestPeople"/>.
/// </summary>
public sealed class DigestSources(FeedbackDigestQueries feedback, RotationDigestQueries rotations, DigestBucketCatalog buckets)
{
    public FeedbackDigestQueries Feedback => feedback;

    public RotationDigestQueries Rotations => rotations;

    public DigestBucketCatalog Buckets => buckets;

    /// <summary>Every statement a digest runs, for checking their query plans.</summary>
    internal static IEnumerable<string> Statements(DigestFilter filter) =>
        [.. FeedbackDigestQueries.Statements(new FeedbackFilter(filter.Bucket, filter.ProductArea)), .. RotationDigestQueries.Statements()];
}

/// <summary>What a digest posted to Slack adds about people: their Slack names, and who has not heard a customer yet
/// this month. The CLI goes without: it prints ids and asks Slack nothing.</summary>
public sealed record DigestPeople(DigestPeopleNames Names, DigestQuietPeople Quiet);
