using SlackFeedbackBot.Digests;

namespace SlackFeedbackBot.Tests.Digests;

/// <summary>Fixed data for digest tests: a week in November 2026 and the three Spotlight buckets.</summary>
internal static class DigestData
{
    public static readonly DigestPeriod Week48 = new(
        new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero),
        "2026-W48",
        DigestPeriodKind.Week);

    public static readonly IReadOnlyList<DigestBucket> Buckets =
    [
        new("user_experience", "User experience", ["how do i", "how can i", "what do i do when"]),
        new("product_marketing", "Product marketing", ["can you", "can i", "do you support"]),
        new("positioning", "Positioning", ["not your target customer", "i thought"]),
        new(DigestBucket.UnclassifiedId, "Unclassified", []),
    ];

    public static DateTimeOffset Day(int day, int hour = 12) => new(2026, 11, day, hour, 0, 0, TimeSpan.Zero);

    public static DigestItem Item(long id, string bucket, string text, string? customer = null, int day = 24, string? area = null) => new()
    {
        Id = id,
        Bucket = bucket,
        Text = text,
        Customer = customer,
        CreatedAt = Day(day).AddMinutes(id),
        ProductArea = area,
        Permalink = $"https://example.slack.com/archives/C1/p{1000 + id}",
    };

    /// <summary>Five ways people really write "How do I integrate this with Trello?", from three customers.</summary>
    public static IReadOnlyList<DigestItem> TrelloVariants(string bucket = "user_experience") =>
    [
        Item(1, bucket, "How do I integrate this with Trello?", "Acme"),
        Item(2, bucket, "hey <@U123ABC> how do i integrate this with trello", "Globex"),
        Item(3, bucket, "HOW DO I INTEGRATE THIS WITH TRELLO??? :thinking_face:", "acme"),
        Item(4, bucket, "How do I integrate this with <https://trello.com|Trello>? We use it a lot", "Initech"),
        Item(5, bucket, "\u201cHow do I integrate this with Trello?\u201d asked again, hey", "Globex"),
    ];
}
