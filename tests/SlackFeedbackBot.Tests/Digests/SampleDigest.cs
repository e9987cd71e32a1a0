using SlackFeedbackBot.Digests;
using static SlackFeedbackBot.Tests.Digests.DigestData;

namespace SlackFeedbackBot.Tests.Digests;

/// <summary>A week with something in every section, and a week far bigger than any message can hold.</summary>
internal static class SampleDigest
{
    public static DigestInput Week() => new()
    {
        Period = Week48,
        Buckets = Buckets,
        Items =
        [
            .. TrelloVariants(),
            Item(10, "user_experience", "How do I export reports to CSV?", "Acme"),
            Item(11, "product_marketing", "Can you do SSO with Okta?", "Hooli"),
            Item(12, "positioning", "I'm probably not your target customer, but is there a plan for schools?", "Springfield Elementary"),
            Item(13, DigestBucket.UnclassifiedId, "The app crashed & burned <!channel>", "Acme"),
        ],
        PreviousCounts = [new("user_experience", 3), new("product_marketing", 3), new(DigestBucket.UnclassifiedId, 1)],
        NewUnclassified = [Item(13, DigestBucket.UnclassifiedId, "The app crashed & burned <!channel>", "Acme")],
        Resolved =
        [
            Item(40, "user_experience", "How do I rename a board?", day: 2) with { ResolvedAt = Day(25), ReportersTold = 3, ResolutionNote = "Rename is now in the board menu" },
        ],
        Thresholds = [new("\"integrate trello\" heard 5 times", 1, Day(26)) { Permalink = "https://example.slack.com/archives/C1/p1001" }],
        Shifts = [new("U1", 2, 0, 1, 4) { DisplayName = "Ana" }, new("U2", 1, 1, 0, 0)],
    };

    /// <summary>500 items with 10,000-character texts in 14 buckets, 300 people on the rotation.</summary>
    public static DigestInput Huge()
    {
        var longWords = string.Join(' ', Enumerable.Repeat("<@U999> & <https://x.example|link> lorem", 250));
        var buckets = Enumerable.Range(0, 14)
            .Select(index => new DigestBucket($"bucket{index}", new string('B', 400) + index, []))
            .ToList();
        var items = Enumerable.Range(0, 500)
            .Select(index => Item(index + 1, $"bucket{index % 14}", $"topic{index} feature{index} {longWords}", $"customer{index}") with
            {
                Permalink = $"https://example.slack.com/archives/C1/p{index}",
            })
            .ToList();
        return new DigestInput
        {
            Period = Week48,
            Buckets = buckets,
            Items = items,
            ProductArea = null,
            NewUnclassified = items.Take(200).ToList(),
            Resolved = items.Take(100).Select(item => item with { ResolvedAt = Day(25), ReportersTold = 2, ResolutionNote = longWords }).ToList(),
            Thresholds = items.Take(50).Select(item => new ThresholdHit(longWords, item.Id, Day(26))).ToList(),
            Shifts = Enumerable.Range(0, 300).Select(index => new ShiftSummary($"U{index}", 1, 0, 0, 3) { DisplayName = new string('n', 500) }).ToList(),
            Settings = new DigestSettings
            {
                TopIssuesPerBucket = 50,
                UnclassifiedShown = 200,
                ResolvedShown = 100,
                ThresholdsShown = 50,
                QuoteMaxLength = 10_000,
            },
        };
    }
}
