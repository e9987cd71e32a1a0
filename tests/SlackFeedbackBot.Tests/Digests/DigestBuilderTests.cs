using SlackFeedbackBot.Digests;
using static SlackFeedbackBot.Tests.Digests.DigestData;

namespace SlackFeedbackBot.Tests.Digests;

public class DigestBuilderTests
{
    private readonly DigestBuilder _builder = new();

    private static DigestInput Input(params DigestItem[] items) => new()
    {
        Period = Week48,
        Buckets = Buckets,
        Items = items,
    };

    [Test]
    public void Build_CountsReportsPerBucket_WithTheChangeAgainstThePreviousPeriod()
    {
        var input = Input(
        [
            .. TrelloVariants(),
            Item(20, "product_marketing", "Can you export to Excel?", "Acme"),
            Item(21, "positioning", "I'm probably not your target customer, but do you do invoicing?", "Soylent"),
            Item(22, DigestBucket.UnclassifiedId, "The app crashed on login", "Acme"),
            Item(23, DigestBucket.UnclassifiedId, "Love the new dashboard", "Hooli"),
        ]) with
        {
            PreviousCounts =
            [
                new("user_experience", 1), new("user_experience", 1),
                new("product_marketing", 3),
                new(DigestBucket.UnclassifiedId, 2),
            ],
        };

        var digest = _builder.Build(input);

        Assert.That(digest.Buckets.Select(bucket => $"{bucket.Id} {bucket.Delta.Current} {bucket.Delta.Text}"), Is.EqualTo(new[]
        {
            "user_experience 5 +3",
            "product_marketing 1 \u22122",
            "positioning 1 new",
            "unclassified 2 0",
        }));
        Assert.That(digest.TotalReports, Is.EqualTo(9));
    }

    [Test]
    public void Build_IgnoresItemsCreatedOutsideThePeriod()
    {
        var digest = _builder.Build(Input(
            Item(1, "user_experience", "how do i integrate trello", day: 22),
            Item(2, "user_experience", "how do i integrate trello", day: 23),
            Item(3, "user_experience", "how do i integrate trello", day: 30)));

        Assert.That(digest.Buckets[0].Delta.Current, Is.EqualTo(1));
        Assert.That(digest.Buckets[0].TopIssues.Single().ItemIds, Is.EqualTo(new long[] { 2 }));
    }

    [Test]
    public void Build_GroupsEachBucketWithoutItsOwnTriggerWords()
    {
        var digest = _builder.Build(Input(
        [
            .. TrelloVariants(),
            Item(30, "product_marketing", "Hey, can you guys integrate with Trello?", "Acme"),
            Item(31, "product_marketing", "Can I integrate this part of your app with Trello?", "Hooli"),
            Item(32, "product_marketing", "can you integrate with trello", "Hooli"),
        ]));

        var marketing = digest.Buckets.Single(bucket => bucket.Id == "product_marketing");
        Assert.That(digest.Buckets[0].TopIssues.Single().Summary, Is.EqualTo("integrate trello: 5 reports, 3 customers"));
        Assert.That(marketing.TopIssues.Single().Summary, Is.EqualTo("integrate trello: 3 reports, 2 customers"));
    }

    [Test]
    public void Build_ShowsTheTopIssuesPerBucket_AndCountsTheRest()
    {
        string[] topics = ["invite teammates", "archive projects", "change billing email", "export csv", "reset password", "merge accounts", "rename workspace"];
        var items = topics.Select((topic, index) => Item(index + 1, "user_experience", $"How do I {topic}?", $"C{index}")).ToList();
        items.Add(Item(50, "user_experience", "how can I reset my password", "C9"));

        var digest = _builder.Build(Input([.. items]) with { Settings = new DigestSettings { TopIssuesPerBucket = 3 } });

        var ux = digest.Buckets[0];
        Assert.That(ux.TopIssues.Select(issue => issue.Label), Is.EqualTo(new[] { "reset password", "archive projects", "change billing email" }));
        Assert.That(ux.IssuesNotShown, Is.EqualTo(4));
    }

    [Test]
    public void Build_DefaultsToFiveTopIssues()
    {
        var items = Enumerable.Range(1, 9).Select(index => Item(index, "user_experience", $"How do I configure widget{index}?")).ToArray();

        var digest = _builder.Build(Input(items));

        Assert.That(digest.Buckets[0].TopIssues, Has.Count.EqualTo(5));
        Assert.That(digest.Buckets[0].IssuesNotShown, Is.EqualTo(4));
    }

    [Test]
    public void Build_ListsUnclassifiedItemsWaitingForTriage_OldestFirst()
    {
        var waiting = Enumerable.Range(1, 7).Select(index => Item(100 + index, DigestBucket.UnclassifiedId, $"odd message {index}", day: 30 - index)).ToArray();

        var digest = _builder.Build(Input() with { NewUnclassified = waiting, Settings = new DigestSettings { UnclassifiedShown = 3 } });

        Assert.That(digest.Triage.Waiting, Is.EqualTo(7));
        Assert.That(digest.Triage.Shown.Select(line => line.Id), Is.EqualTo(new long[] { 107, 106, 105 }));
        Assert.That(digest.Triage.NotShown, Is.EqualTo(4));
        Assert.That(digest.Triage.Shown[0].Permalink, Is.EqualTo("https://example.slack.com/archives/C1/p1107"));
    }

    [Test]
    public void Build_SummarisesItemsResolvedInThePeriod()
    {
        DigestItem[] resolved =
        [
            Item(1, "user_experience", "how do i integrate trello", day: 2) with { ResolvedAt = Day(25), ReportersTold = 4, ResolutionNote = "Trello power-up shipped" },
            Item(2, "user_experience", "how do i export csv", day: 3) with { ResolvedAt = Day(27), ReportersTold = 1 },
            Item(3, "user_experience", "how do i rename", day: 3) with { ResolvedAt = Day(20), ReportersTold = 9 },
        ];

        var digest = _builder.Build(Input() with { Resolved = resolved });

        Assert.That(digest.Resolved.Sentence, Is.EqualTo("We closed the loop on 2 items; 5 reporters told."));
        Assert.That(digest.Resolved.Shown.Select(line => line.Note), Is.EqualTo(new[] { "Trello power-up shipped", null }));
    }

    [Test]
    public void Build_NothingResolved_SaysSo()
    {
        Assert.That(_builder.Build(Input()).Resolved.Sentence, Is.EqualTo("No items were closed this period."));
    }

    [Test]
    public void Build_KeepsThresholdsReachedInThePeriod_InOrder()
    {
        ThresholdHit[] hits =
        [
            new("\"integrate trello\" heard 10 times", 1, Day(26)),
            new("Customer paying $50k a year asked for SSO", 2, Day(24)),
            new("old", 3, Day(10)),
        ];

        var digest = _builder.Build(Input() with { Thresholds = hits });

        Assert.That(digest.Thresholds.Select(hit => hit.ItemId), Is.EqualTo(new long[] { 2, 1 }));
    }

    [Test]
    public void Build_SummarisesTheRotationByPerson()
    {
        ShiftSummary[] shifts =
        [
            new("U2", 2, 0, 1, 5) { DisplayName = "zoe" },
            new("U1", 1, 1, 0, 0) { DisplayName = "Adam" },
            new("U3", 3, 0, 0, 2),
        ];

        var digest = _builder.Build(Input() with { Shifts = shifts });

        Assert.That(digest.Rotation.People.Select(person => person.UserId), Is.EqualTo(new[] { "U1", "U3", "U2" }));
        Assert.That((digest.Rotation.Served, digest.Rotation.Missed, digest.Rotation.Swapped, digest.Rotation.FeedbackCaptured),
            Is.EqualTo((6, 1, 1, 7)));
    }

    [Test]
    public void Build_WithAProductArea_ShowsOnlyThatAreasFeedback()
    {
        var input = Input(
            Item(1, "user_experience", "how do i pay an invoice", "Acme", area: "billing"),
            Item(2, "user_experience", "how do i integrate trello", "Acme", area: "integrations"),
            Item(3, "user_experience", "how do i refund", "Acme")) with
        {
            ProductArea = "Billing",
            PreviousCounts = [new("user_experience", 4, "billing"), new("user_experience", 10, "integrations")],
            NewUnclassified = [Item(4, DigestBucket.UnclassifiedId, "invoice broken", area: "billing"), Item(5, DigestBucket.UnclassifiedId, "trello broken", area: "integrations")],
            Resolved = [Item(6, "user_experience", "x", area: "integrations") with { ResolvedAt = Day(25), ReportersTold = 3 }],
            Thresholds = [new("billing item heard 10 times", 1, Day(25)), new("trello heard 10 times", 2, Day(25)), new("tagged billing", 99, Day(25)) { ProductArea = "billing" }],
            WeeklyCounts = [new(new DateOnly(2026, 11, 23), "user_experience", 2, "billing"), new(new DateOnly(2026, 11, 23), "user_experience", 7, "integrations")],
        };

        var digest = _builder.Build(input);

        Assert.That(digest.Title, Is.EqualTo("Feedback digest 2026-W48: Billing"));
        Assert.That(digest.Buckets[0].Delta, Is.EqualTo(new BucketDelta(1, 4)));
        Assert.That(digest.Buckets[0].TopIssues.Single().Label, Is.EqualTo("pay invoice"));
        Assert.That(digest.Triage.Shown.Select(line => line.Id), Is.EqualTo(new long[] { 4 }));
        Assert.That(digest.Resolved.Items, Is.Zero);
        Assert.That(digest.Thresholds.Select(hit => hit.ItemId), Is.EqualTo(new long[] { 1, 99 }));
        Assert.That(digest.Chart.Series[0].Counts[^1], Is.EqualTo(2));
    }

    [Test]
    public void Build_BucketsOnlySeenInTheData_FollowTheConfiguredOnes()
    {
        var digest = _builder.Build(Input(Item(1, "pricing", "too expensive for us"), Item(2, "bugs", "crash")));

        Assert.That(digest.Buckets.Select(bucket => bucket.Id), Is.EqualTo(new[]
        {
            "user_experience", "product_marketing", "positioning", "unclassified", "bugs", "pricing",
        }));
    }

    [Test]
    public void Build_ChartLinesUpWeeklyCountsPerBucket_WithZerosForSilentWeeks()
    {
        var last = new DateOnly(2026, 11, 23);
        var input = Input() with
        {
            WeeklyCounts =
            [
                new(last, "user_experience", 4),
                new(last.AddDays(-14), "user_experience", 2),
                new(last, "positioning", 1),
                new(last.AddDays(-77), "product_marketing", 3),
            ],
            Settings = new DigestSettings { ChartWeeks = 12 },
        };

        var chart = _builder.Build(input).Chart;

        Assert.That(chart.Weeks, Has.Count.EqualTo(12));
        Assert.That(chart.Weeks[0], Is.EqualTo(last.AddDays(-77)));
        Assert.That(chart.Weeks[^1], Is.EqualTo(last));
        var ux = chart.Series.Single(series => series.Bucket == "user_experience");
        Assert.That(ux.Counts, Is.EqualTo(new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 4 }));
        Assert.That(chart.Series.Single(series => series.Bucket == "product_marketing").Counts[0], Is.EqualTo(3));
    }

    [Test]
    public void Build_ChartUsesTheGivenWeeks()
    {
        var weeks = DigestPeriods.ChartWeeks(Week48, TimeZoneInfo.Utc, 8);

        var chart = _builder.Build(Input() with { ChartWeeks = weeks }).Chart;

        Assert.That(chart.Weeks, Is.EqualTo(weeks));
        Assert.That(chart.IsEmpty, Is.True);
    }

    [Test]
    public void Build_IsPure_TheOrderOfTheInputDoesNotMatter()
    {
        DigestItem[] items = [.. TrelloVariants(), Item(9, "product_marketing", "can you do sso"), Item(10, "user_experience", "how do i export csv")];
        var input = Input(items) with { NewUnclassified = [Item(11, "unclassified", "crash", day: 25), Item(12, "unclassified", "slow", day: 24)] };
        var reversed = input with { Items = items.Reverse().ToArray(), NewUnclassified = input.NewUnclassified.Reverse().ToArray() };

        var first = DigestTextRenderer.Render(_builder.Build(input));
        var second = DigestTextRenderer.Render(_builder.Build(reversed));

        Assert.That(second, Is.EqualTo(first));
    }
}
