using BenchmarkDotNet.Attributes;
using SlackFeedbackBot.Digests;

namespace SlackFeedbackBot.Benchmarks.Digests;

/// <summary>A busy month: how long building and laying out a digest takes for a given number of feedback items.</summary>
[MemoryDiagnoser]
public class DigestBuilderBenchmarks
{
    private static readonly string[] Phrasings =
    [
        "How do I integrate this with {0}?", "hey, how do i export {0} reports to csv", "Can you support {0} single sign-on?",
        "Can I connect {0} to the dashboard?", "I'm probably not your target customer, but does {0} work offline?",
        "how do I invite my {0} team", "the {0} page crashed again :scream:",
    ];

    private static readonly string[] Subjects = ["Trello", "Jira", "Okta", "Salesforce", "HubSpot", "Zapier", "Asana", "Notion"];

    private static readonly string[] BucketIds = ["user_experience", "user_experience", "product_marketing", "product_marketing", "positioning", "user_experience", "unclassified"];

    private readonly DigestBuilder _builder = new();
    private DigestInput _input = null!;

    [Params(200, 2000)]
    public int Items { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var from = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var items = Enumerable.Range(0, Items).Select(index => new DigestItem
        {
            Id = index + 1,
            Bucket = BucketIds[index % BucketIds.Length],
            Text = string.Format(System.Globalization.CultureInfo.InvariantCulture, Phrasings[index % Phrasings.Length], Subjects[index / Phrasings.Length % Subjects.Length]),
            Customer = $"customer{index % 97}",
            CreatedAt = from.AddMinutes(index * 10),
            Permalink = $"https://example.slack.com/archives/C1/p{index}",
        }).ToList();
        _input = new DigestInput
        {
            Period = new DigestPeriod(from, from.AddMonths(1), "2026-11", DigestPeriodKind.Month),
            Buckets =
            [
                new("user_experience", "User experience", ["how do i", "how can i"]),
                new("product_marketing", "Product marketing", ["can you", "can i"]),
                new("positioning", "Positioning", ["not your target customer"]),
                new(DigestBucket.UnclassifiedId, "Unclassified", []),
            ],
            Items = items,
        };
    }

    [Benchmark]
    public int BuildAndLayOut() => DigestLayout.Parts(_builder.Build(_input)).Count;
}
