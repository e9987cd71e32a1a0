using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Tests.Feedback;

[TestFixtureSource(typeof(ProviderDatabase), nameof(ProviderDatabase.Providers))]
public sealed class FeedbackServiceTests(StorageProvider provider)
{
    private FeedbackHarness _h = null!;

    [SetUp]
    public async Task SetUp() => _h = await FeedbackHarness.StartAsync(provider, new Dictionary<string, string?>
    {
        ["Feedback:Thresholds:ReportCount"] = "3",
        ["Feedback:Thresholds:WithinDays"] = "30",
        ["Feedback:Thresholds:AlertChannel"] = "CALERTS",
        ["Feedback:Thresholds:HighValueCustomers:0"] = "Acme",
        ["Feedback:Thresholds:HighValueCustomers:1"] = "Big Co",
    });

    [TearDown]
    public void TearDown() => _h.Dispose();

    [Test]
    public async Task Capture_HowDoI_StoresItemWithBucketRuleAndFirstReport()
    {
        var outcome = await _h.CaptureAsync("How do I integrate this with Trello?", customer: "Initech");

        Assert.That(outcome.Stored, Is.True);
        var item = _h.Repository.Get(outcome.Item!.Id)!;
        Assert.That(item.Bucket, Is.EqualTo(SpotlightBuckets.UserExperience));
        Assert.That(item.Rule, Is.Not.Null.And.Not.Empty);
        Assert.That(item.Customer, Is.EqualTo("Initech"));
        Assert.That(item.CreatedAt, Is.EqualTo(FeedbackHarness.Start));
        var report = _h.Repository.Reports(item.Id).Single();
        Assert.That(report.ReporterId, Is.EqualTo("U1"));
        Assert.That(report.Text, Is.EqualTo("How do I integrate this with Trello?"));
    }

    [Test]
    public async Task Capture_EmptyOrTooLong_IsRefusedWithAReasonAndNothingStored()
    {
        var empty = await _h.CaptureAsync("   ");
        var huge = await _h.CaptureAsync(new string('x', 40_000));

        Assert.That(empty.Problem, Does.Contain("no feedback text"));
        Assert.That(huge.Problem, Does.Contain("40,000 characters").And.Contains("10,000"));
        Assert.That(_h.Repository.Count(), Is.Zero);
    }

    [Test]
    public async Task Capture_SameMessageTwiceByTwoPeople_IsOneItemWithTwoReports()
    {
        var first = await _h.CaptureAsync("Can I export to Excel?", reporter: "U1", channel: "C9", ts: "1700.01", path: CapturePaths.Reaction);
        var second = await _h.CaptureAsync("Can I export to Excel?", reporter: "U2", channel: "C9", ts: "1700.01", path: CapturePaths.MessageShortcut);
        var again = await _h.CaptureAsync("Can I export to Excel?", reporter: "U2", channel: "C9", ts: "1700.01", path: CapturePaths.Reaction);

        Assert.That(first.IsNew, Is.True);
        Assert.That(second.IsNew, Is.False);
        Assert.That(second.ReportAdded, Is.True);
        Assert.That(second.Item!.Id, Is.EqualTo(first.Item!.Id));
        Assert.That(again.ReportAdded, Is.False, "the same person capturing the same message again adds nothing");
        Assert.That(_h.Repository.Count(), Is.EqualTo(1));
        Assert.That(_h.Repository.Reports(first.Item.Id).Select(r => r.ReporterId), Is.EqualTo(new[] { "U1", "U2" }));
    }

    [Test]
    public async Task Capture_TagsTheReportersShift_WhenARotationRegistersALookup()
    {
        using var h = await FeedbackHarness.StartAsync(provider, before: services => services.AddSingleton<ICurrentShiftLookup, ClockShiftLookup>());

        var outcome = await h.CaptureAsync("How do I reset my password?", reporter: "U5");

        Assert.That(outcome.Item!.ShiftKey, Is.EqualTo("shift:U5:2026-11-23T12:00"));
        Assert.That((await _h.CaptureAsync("How do I reset my password?")).Item!.ShiftKey, Is.Null, "nobody is on shift by default");
    }

    [Test]
    public async Task Reclassify_KnownBucket_RecordsWhoAndWhen()
    {
        var item = (await _h.CaptureAsync("How do I integrate with Trello?")).Item!;
        _h.Time.Advance(TimeSpan.FromHours(1));

        var outcome = _h.Service.Reclassify(item.Id, "Product marketing", "U7");

        Assert.That(outcome.Item!.Bucket, Is.EqualTo(SpotlightBuckets.ProductMarketing));
        var change = _h.Repository.BucketChanges(item.Id).Single();
        Assert.That(change.FromBucket, Is.EqualTo(SpotlightBuckets.UserExperience));
        Assert.That(change.ToBucket, Is.EqualTo(SpotlightBuckets.ProductMarketing));
        Assert.That(change.ChangedBy, Is.EqualTo("U7"));
        Assert.That(change.ChangedAt, Is.EqualTo(FeedbackHarness.Start.AddHours(1)));
    }

    [Test]
    public async Task Reclassify_UnknownBucketOrItem_ExplainsAndListsValidBuckets()
    {
        var item = (await _h.CaptureAsync("How do I integrate with Trello?")).Item!;

        var badBucket = _h.Service.Reclassify(item.Id, "pricing", "U7");
        var badItem = _h.Service.Reclassify(999, "positioning", "U7");

        Assert.That(badBucket.Problem, Does.Contain("no bucket called `pricing`").And.Contains("user_experience").And.Contains("unclassified"));
        Assert.That(badItem.Problem, Does.Contain("no feedback #999"));
        Assert.That(_h.Repository.BucketChanges(item.Id), Is.Empty);
    }

    [Test]
    public async Task Search_FindsByWordsIgnoringAccents_AndOddInputNeverErrors()
    {
        await _h.CaptureAsync("The café menu export is broken");
        await _h.CaptureAsync("How do I invite my team?");
        await _h.CaptureAsync("Export to CSV would help, export matters", customer: "Globex");

        var hits = _h.Service.Search("cafe export", 10)!;
        var byCustomer = _h.Service.Search("globex", 10)!;

        Assert.That(hits.Select(i => i.Text), Is.EqualTo(new[] { "The café menu export is broken" }));
        Assert.That(byCustomer.Single().Customer, Is.EqualTo("Globex"));
        Assert.That(_h.Service.Search("export", 10)!.First().Text, Does.StartWith("Export to CSV"), "bm25 ranks the item saying it twice first");
        foreach (var odd in new[] { "\"foo", "foo\" OR", "NEAR(a b)", "col:umn", "-export", "*", "a AND", "\"\"\"" })
        {
            Assert.DoesNotThrow(() => _h.Service.Search(odd, 10), odd);
        }

        Assert.That(_h.Service.Search("* \" -", 10), Is.Null, "nothing searchable");
    }

    [Test]
    public async Task Search_FollowsEditsAndSkipsDeletedItems()
    {
        await _h.CaptureAsync("Where is the billing page?", channel: "C1", ts: "1.1", path: CapturePaths.Passive);

        _h.Service.MessageEdited("C1", "1.1", "Where is the invoices page?");
        Assert.That(_h.Service.Search("billing", 10), Is.Empty);
        Assert.That(_h.Service.Search("invoices", 10)!, Has.Count.EqualTo(1));

        _h.Service.MessageDeleted("C1", "1.1");
        Assert.That(_h.Service.Search("invoices", 10), Is.Empty);
        Assert.That(_h.Repository.FindByMessage("C1", "1.1")!.Status, Is.EqualTo(FeedbackStatus.Deleted), "kept, marked deleted");
    }

    [Test]
    public async Task Edit_KeepsABucketAPersonChose()
    {
        var item = (await _h.CaptureAsync("How do I add users?", channel: "C1", ts: "1.1", path: CapturePaths.Passive)).Item!;
        _h.Service.Reclassify(item.Id, "positioning", "U2");

        var edited = _h.Service.MessageEdited("C1", "1.1", "Can I add users?");

        Assert.That(edited!.Text, Is.EqualTo("Can I add users?"));
        Assert.That(edited.Bucket, Is.EqualTo(SpotlightBuckets.Positioning));
    }

    [Test]
    public async Task Thresholds_ReportCountReached_AlertsOnce()
    {
        var item = (await _h.CaptureAsync("Can I pay by invoice?")).Item!;
        await _h.Service.AddSameAsync(item.Id, "U2", "They also asked about invoices", "Initech", CancellationToken.None);
        await _h.DrainOutboxAsync();
        Assert.That(_h.Api.Posts, Is.Empty);

        await _h.Service.AddSameAsync(item.Id, "U3", "Third customer asking", "Hooli", CancellationToken.None);
        await _h.Service.AddSameAsync(item.Id, "U4", "Fourth", "Umbrella", CancellationToken.None);
        await _h.DrainOutboxAsync();

        var alert = _h.Api.Posts.Single();
        Assert.That(alert.Channel, Is.EqualTo("CALERTS"));
        Assert.That(alert.Message.Text, Does.Contain($"#{item.Id}").And.Contains("heard from 3 customers").And.Contains("threshold of 3"));
    }

    [Test]
    public async Task Same_BySamePersonWithTheSameWordsTwice_CountsOnce_AndRaisesNoAlert()
    {
        var item = (await _h.CaptureAsync("Can I pay by invoice?")).Item!;

        await _h.CommandAsync($"same {item.Id} They also asked about invoices", user: "U2");
        var again = await _h.CommandAsync($"same {item.Id} they also asked about invoices ", user: "U2");
        await _h.DrainOutboxAsync();

        Assert.That(_h.Repository.Reports(item.Id), Has.Count.EqualTo(2), "the first capture and one me-too");
        Assert.That(again!.Text, Does.Contain("already added those words").And.Contain("it has 2 reports"));
        Assert.That(_h.Api.Posts, Is.Empty, "no \"heard 3 times\" alert");
    }

    [Test]
    public async Task AuthorsOwnReaction_OnAMessageOthersCaptured_AddsNoSecondReport_AndRaisesNoAlert()
    {
        var first = await _h.CaptureAsync("Can I export to Excel?", reporter: "U1", channel: "C9", ts: "1700.01", path: CapturePaths.Reaction);
        var second = await _h.CaptureAsync("Can I export to Excel?", reporter: "U2", channel: "C9", ts: "1700.01", path: CapturePaths.Reaction);
        var byAuthor = await _h.Service.CaptureAsync(new FeedbackCapture
        {
            Text = "Can I export to Excel?", ReporterId = "UAUTHOR", AuthorId = "UAUTHOR", ChannelId = "C9", MessageTs = "1700.01", CapturePath = CapturePaths.Reaction,
        }, CancellationToken.None);
        await _h.DrainOutboxAsync();

        Assert.That(byAuthor.ReportAdded, Is.False);
        Assert.That(_h.Repository.Reports(first.Item!.Id), Has.Count.EqualTo(2));
        Assert.That(_h.Api.Posts.Where(p => p.Channel == "CALERTS"), Is.Empty, "no \"heard 3 times\" alert");
        _ = second;
    }

    [Test]
    public async Task Thresholds_OldReportsOutsideTheWindow_DoNotCount()
    {
        var item = (await _h.CaptureAsync("Can I pay by invoice?")).Item!;
        await _h.Service.AddSameAsync(item.Id, "U2", "Second", null, CancellationToken.None);
        _h.Time.Advance(TimeSpan.FromDays(31));

        await _h.Service.AddSameAsync(item.Id, "U3", "Third, a month later", null, CancellationToken.None);
        await _h.DrainOutboxAsync();

        Assert.That(_h.Api.Posts, Is.Empty);
    }

    [Test]
    public async Task Thresholds_HighValueCustomer_ByFieldOrWholeWord_AlertsOncePerItem()
    {
        var byField = (await _h.CaptureAsync("Can I get SSO?", customer: "ACME")).Item!;
        await _h.Service.AddSameAsync(byField.Id, "U2", "acme asked again", "acme", CancellationToken.None);
        await _h.CaptureAsync("Talked to big co today: how do I export?");
        await _h.CaptureAsync("The Acmeville team wants dark mode");

        Assert.That(_h.Api.Posts.Select(p => p.Message.Text).ToList(), Has.Count.EqualTo(2));
        Assert.That(_h.Api.Posts.First().Message.Text, Does.Contain("Acme").And.Contains($"#{byField.Id}"));
        Assert.That(_h.Api.Posts.Last().Message.Text, Does.Contain("Big Co"));
    }

    [Test]
    public async Task Resolve_DmsEveryReporterOnce_WithWhatChangedAndTheirLink()
    {
        var item = (await _h.CaptureAsync("Can I export to Excel?", reporter: "U1", channel: "C9", ts: "1700.000100", path: CapturePaths.Reaction)).Item!;
        await _h.CaptureAsync("Can I export to Excel?", reporter: "U2", channel: "C9", ts: "1700.000100", path: CapturePaths.MessageShortcut);
        await _h.Service.AddSameAsync(item.Id, "U3", "Globex wants xlsx too", "Globex", CancellationToken.None);
        await _h.Service.AddSameAsync(item.Id, "U3", "And Hooli", "Hooli", CancellationToken.None);
        var resolver = _h.Get<FeedbackResolver>();

        var first = await resolver.ResolveAsync(item.Id, "U9", "Excel export shipped in 4.2", CancellationToken.None);
        var second = await resolver.ResolveAsync(item.Id, "U9", "Excel export shipped in 4.2", CancellationToken.None);
        await _h.DrainOutboxAsync();

        Assert.That(first.Told, Is.EqualTo(3));
        Assert.That(second.Told, Is.Zero);
        Assert.That(second.AlreadyTold, Is.EqualTo(3));
        var dms = _h.Api.Posts.Where(p => p.Channel.StartsWith('D')).ToList();
        Assert.That(dms.Select(p => p.Channel).Order(), Is.EqualTo(new[] { "DU1", "DU2", "DU3" }));
        Assert.That(dms.All(p => p.Message.Text.Contains("Excel export shipped in 4.2")), Is.True);
        Assert.That(dms.Single(p => p.Channel == "DU3").Message.Text, Does.Contain("Globex wants xlsx too"), "each reporter sees their own words");
        Assert.That(_h.Repository.Get(item.Id)!.Status, Is.EqualTo(FeedbackStatus.Resolved));
        Assert.That(_h.Repository.NotifiedReporters(item.Id), Is.EqualTo(new[] { "U1", "U2", "U3" }));
    }

    [Test]
    public async Task Resolve_DmSlackRefusesForGood_FailsOnce_AndIsNotSentAgain()
    {
        var item = (await _h.CaptureAsync("Can I export to Excel?", reporter: "U1")).Item!;
        _h.Api.FailingChannels["DU1"] = true;
        var resolver = _h.Get<FeedbackResolver>();

        var first = await resolver.ResolveAsync(item.Id, "U9", "Shipped", CancellationToken.None);
        await _h.DrainOutboxAsync();
        _h.Time.Advance(TimeSpan.FromHours(1));
        var ranLater = await _h.DrainOutboxAsync();
        var again = await resolver.ResolveAsync(item.Id, "U9", "Shipped", CancellationToken.None);

        Assert.That(first.Told, Is.EqualTo(1));
        Assert.That(ranLater, Is.Zero, "channel_not_found is permanent: the task is not retried");
        Assert.That(again.Told, Is.Zero);
        Assert.That(OutboxTable.StatusOf(_h.Database, FeedbackResolver.NotifyKey(item.Id, 0, "U1")), Is.EqualTo("failed"));
        Assert.That(_h.Log.Messages.Count(m => m.Contains("failed for good", StringComparison.Ordinal) && m.Contains("channel_not_found", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task Resolve_UnknownItemOrNoWords_IsExplained()
    {
        var item = (await _h.CaptureAsync("Can I export to Excel?")).Item!;
        var resolver = _h.Get<FeedbackResolver>();

        Assert.That((await resolver.ResolveAsync(404, "U9", "x", CancellationToken.None)).Problem, Does.Contain("no feedback #404"));
        Assert.That((await resolver.ResolveAsync(item.Id, "U9", " ", CancellationToken.None)).Problem, Does.Contain("say what changed"));
        Assert.That(_h.Repository.Get(item.Id)!.Status, Is.EqualTo(FeedbackStatus.Open));
    }

    [Test]
    public async Task FollowUp_FirstReplyOfTheAskedPersonIsStored_OthersIgnored()
    {
        var item = (await _h.CaptureAsync("How do I merge accounts?", channel: "C1", ts: "5.5", path: CapturePaths.Passive)).Item!;
        _h.Service.FollowUpAsked(item.Id, "C1", "5.5", "U1");

        Assert.That(_h.Service.FollowUpAnswered("C1", "5.5", "U2", "someone else"), Is.Null);
        Assert.That(_h.Service.FollowUpAnswered("C1", "5.5", "U1", "Very: they merge 40 accounts a week"), Is.EqualTo(item.Id));
        Assert.That(_h.Service.FollowUpAnswered("C1", "5.5", "U1", "later chatter"), Is.Null);
        Assert.That(_h.Repository.GetFollowUp(item.Id)!.Answer, Is.EqualTo("Very: they merge 40 accounts a week"));
    }

    [Test]
    public async Task List_FiltersByBucketAndDays_NewestFirst()
    {
        await _h.CaptureAsync("How do I add a user?");
        _h.Time.Advance(TimeSpan.FromDays(10));
        await _h.CaptureAsync("How do I remove a user?");
        await _h.CaptureAsync("Can I pay yearly?");

        Assert.That(_h.Service.List(SpotlightBuckets.UserExperience, null, 10).Select(i => i.Text), Is.EqualTo(new[] { "How do I remove a user?", "How do I add a user?" }));
        Assert.That(_h.Service.List(null, 7, 10), Has.Count.EqualTo(2));
    }

    [Test]
    public void Schema_HasTheIndexesTheDigestNeeds()
    {
        using var connection = _h.Database.Open();
        var indexes = connection.Query<string>(provider == StorageProvider.Postgres
            ? "SELECT indexname FROM pg_indexes WHERE tablename = 'feedback_items'"
            : "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'feedback_items'").ToList();

        Assert.That(indexes, Does.Contain("ix_feedback_items_created_at").And.Contain("ix_feedback_items_bucket_created_at").And.Contain("ix_feedback_items_status_resolved_at"));
    }

    private sealed class ClockShiftLookup : ICurrentShiftLookup
    {
        public Task<string?> ShiftKeyFor(string userId, DateTimeOffset at) => Task.FromResult<string?>($"shift:{userId}:{at:yyyy-MM-ddTHH:mm}");
    }
}
