using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Feedback.Issues;
using SlackFeedbackBot.Spotlight;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Feedback;

/// <summary>
/// Statuses, the item list and the rules' history in the database, the same on SQLite and PostgreSQL: moves with their
/// history and notifications, lists by status, bucket and age, rule moves and removals.
/// </summary>
[TestFixtureSource(typeof(ProviderDatabase), nameof(ProviderDatabase.Providers))]
public sealed class FeedbackStatusStorageTests(StorageProvider provider)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private ProviderDatabase _db = null!;
    private FeedbackRows _rows = null!;

    [SetUp]
    public async Task SetUp()
    {
        _db = await ProviderDatabase.CreateAsync(provider);
        _rows = new FeedbackRows(_db.Database);
    }

    [TearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    private Database Database => _db.Database;

    [Test]
    public void Move_RecordsEachChangeWithItsReasonAndWhetherToTell_OldestFirst()
    {
        var statuses = new FeedbackStatusRepository(Database);
        var item = _rows.Item("Trello sync please", SpotlightBuckets.ProductMarketing, Start);

        var planned = statuses.Move(item, FeedbackStatus.Planned, "Trello sync ships in March", "U1", tell: true, Start.AddHours(1))!;
        var notYet = statuses.Move(item, FeedbackStatus.NotYet, null, "U2", tell: false, Start.AddHours(2))!;
        statuses.SetTold(planned.Id, 3);

        Assert.That((planned.ItemId, planned.FromStatus, planned.ToStatus, planned.Reason, planned.ChangedBy, planned.Tell, planned.Told, planned.ChangedAt),
            Is.EqualTo((item, FeedbackStatus.Open, FeedbackStatus.Planned, (string?)"Trello sync ships in March", "U1", true, 0, Start.AddHours(1))));
        Assert.That(statuses.History(item).Select(c => (c.FromStatus, c.ToStatus, c.Tell, c.Told)), Is.EqualTo(new[]
        {
            (FeedbackStatus.Open, FeedbackStatus.Planned, true, 3), (FeedbackStatus.Planned, FeedbackStatus.NotYet, false, 0),
        }));
        Assert.That(statuses.Latest(item), Is.EqualTo(notYet));
        Assert.That(new FeedbackRepository(Database).Get(item)!.Status, Is.EqualTo(FeedbackStatus.NotYet));
        Assert.That(statuses.Move(999, FeedbackStatus.Planned, null, "U1", tell: false, Start), Is.Null);
        Assert.That(statuses.Latest(999), Is.Null);
    }

    [Test]
    public void Move_OutOfResolved_StartsANewRound_AndForgetsWhoWasTold()
    {
        var statuses = new FeedbackStatusRepository(Database);
        var once = new OnceOnly(Database);
        var item = _rows.Item("Trello sync please", SpotlightBuckets.ProductMarketing, Start);
        _rows.Resolve(item, "U9", "Shipped", Start.AddHours(1));
        statuses.Record(item, FeedbackStatus.Open, FeedbackStatus.Resolved, "Shipped", "U9", tell: true, Start.AddHours(1));
        once.TryClaim(FeedbackOnceKeys.Told(item, "U1"), Start.AddHours(1));

        var reopened = statuses.Move(item, FeedbackStatus.Open, "It broke again", "U9", tell: false, Start.AddHours(2))!;

        var stored = new FeedbackRepository(Database).Get(item)!;
        Assert.That((reopened.FromStatus, stored.Status, stored.Resolution, stored.ResolvedAt), Is.EqualTo((FeedbackStatus.Resolved, FeedbackStatus.Open, (string?)null, (DateTimeOffset?)null)));
        Assert.That(new FeedbackRepository(Database).ResolutionRound(item), Is.EqualTo(1));
        Assert.That(once.IsClaimed(FeedbackOnceKeys.Told(item, "U1")), Is.False);
        Assert.That(statuses.History(item).Select(c => c.ToStatus), Is.EqualTo(new[] { FeedbackStatus.Resolved, FeedbackStatus.Open }));
    }

    [Test]
    public void List_FiltersByStatusBucketAndAge_NewestFirst_AndLeavesMergedItemsToTheirRoot()
    {
        var old = _rows.Item("Old export question", SpotlightBuckets.UserExperience, Start.AddDays(-40));
        var planned = _rows.Item("Trello sync please", SpotlightBuckets.ProductMarketing, Start.AddDays(-3));
        var fresh = _rows.Item("How do I invite people?", SpotlightBuckets.UserExperience, Start.AddDays(-1));
        var merged = _rows.Item("Invite my whole team?", SpotlightBuckets.UserExperience, Start);
        var resolved = _rows.Item("Dark mode", SpotlightBuckets.ProductMarketing, Start);
        _rows.SetStatus(planned, FeedbackStatus.Planned);
        _rows.Resolve(resolved, "U9", "Shipped", Start);
        var issues = new IssueRepository(Database);
        issues.Merge(merged, fresh, "U1", Start);
        var list = new FeedbackItemList(Database, new IssueView(issues, new FeedbackRepository(Database)));
        string[] open = [FeedbackStatus.Open, FeedbackStatus.Planned, FeedbackStatus.NotYet];

        var all = new FeedbackListFilter(null, open, null, null);
        var lastWeek = new FeedbackListFilter(null, open, Start.AddDays(-7), Start);
        var ux = new FeedbackListFilter(SpotlightBuckets.UserExperience, [FeedbackStatus.Open], null, null);
        var done = new FeedbackListFilter(null, [FeedbackStatus.Resolved], null, null);

        Assert.That(list.List(all, 10).Select(i => i.Id), Is.EqualTo(new[] { fresh, planned, old }));
        Assert.That(list.List(all, 10)[0].MergedIds, Is.EqualTo(new[] { merged }));
        Assert.That(list.List(all, 10)[0].ReportCount, Is.EqualTo(2), "the reports of the whole issue");
        Assert.That(list.List(all, 2).Select(i => i.Id), Is.EqualTo(new[] { fresh, planned }));
        Assert.That(list.Count(all), Is.EqualTo(3));
        Assert.That(list.List(lastWeek, 10).Select(i => i.Id), Is.EqualTo(new[] { fresh, planned }));
        Assert.That(list.Count(lastWeek), Is.EqualTo(2));
        Assert.That(list.List(ux, 10).Select(i => i.Id), Is.EqualTo(new[] { fresh, old }));
        Assert.That(list.List(done, 10).Select(i => i.Id), Is.EqualTo(new[] { resolved }));
    }

    [Test]
    public void RuleHistory_MarksBucketsAPersonChose_AndApplyMovesOnlyTheOthersStillWhereTheDryRunSawThem()
    {
        var history = new FeedbackRuleHistory(Database);
        var plain = _rows.Item("the date filter keeps tripping me up", SpotlightBuckets.Unclassified, Start);
        var chosen = _rows.Item("bulk edit keeps tripping me up", SpotlightBuckets.Unclassified, Start);
        var imported = _rows.Item("search keeps tripping me up", SpotlightBuckets.Positioning, Start, rule: FeedbackRuleHistory.ImportedBucketRule);
        var moved = _rows.Item("export keeps tripping me up", SpotlightBuckets.Unclassified, Start);
        var deleted = _rows.Item("login keeps tripping me up", SpotlightBuckets.Unclassified, Start);
        _rows.Reclassify(chosen, SpotlightBuckets.Positioning, "U1", Start);
        _rows.SetStatus(deleted, FeedbackStatus.Deleted);

        Assert.That(history.Items(), Is.EqualTo(new[]
        {
            new RuleHistoryItem(plain, "the date filter keeps tripping me up", SpotlightBuckets.Unclassified, false),
            new RuleHistoryItem(chosen, "bulk edit keeps tripping me up", SpotlightBuckets.Positioning, true),
            new RuleHistoryItem(imported, "search keeps tripping me up", SpotlightBuckets.Positioning, true),
            new RuleHistoryItem(moved, "export keeps tripping me up", SpotlightBuckets.Unclassified, false),
        }));

        _rows.Reclassify(moved, SpotlightBuckets.Positioning, "U2", Start.AddMinutes(1));
        const string Rule = "user_experience: \"keeps tripping me\"";
        var applied = history.Apply(
            new[] { plain, chosen, imported, moved, deleted }.Select(id => new RuleMove(id, SpotlightBuckets.Unclassified, SpotlightBuckets.UserExperience, Rule)).ToList(),
            Start.AddMinutes(2));

        Assert.That(applied.Select(m => m.ItemId), Is.EqualTo(new[] { plain }), "a person classified the others, or the item is gone");
        var item = new FeedbackRepository(Database).Get(plain)!;
        Assert.That((item.Bucket, item.Rule, item.UpdatedAtMs), Is.EqualTo((SpotlightBuckets.UserExperience, (string?)Rule, Start.AddMinutes(2).ToUnixTimeMilliseconds())));
        Assert.That(history.Items().Single(i => i.Id == imported).SetByPerson, Is.True);
    }

    [Test]
    public void RuleRemoval_CountsWhatTheRuleDecided_ThenMarksItRemoved()
    {
        var rules = new SpotlightRuleSet(new SpotlightOptions(), new SpotlightRuleStore(Database));
        var removal = new RuleRemoval(rules, new FeedbackRuleHistory(Database));
        var (rule, _) = rules.Add(SpotlightBuckets.UserExperience, "keeps tripping me", "U0ANA", Start, null)!.Value;
        _rows.Item("the date filter keeps tripping me up", SpotlightBuckets.UserExperience, Start, rule: rule.RuleText);
        var chosen = _rows.Item("bulk edit keeps tripping me up", SpotlightBuckets.Unclassified, Start);
        _rows.Reclassify(chosen, SpotlightBuckets.UserExperience, "U1", Start);

        Assert.That(removal.ClassifiedToday(), Is.EqualTo(new Dictionary<long, int> { [rule.Id] = 1 }));
        var result = removal.Remove(rule.Id, "U0BEN", Start.AddDays(1));

        Assert.That((result.Outcome, result.DryRun!.Classified, result.DryRun.Unclassified), Is.EqualTo((SpotlightRuleRemovalOutcome.Removed, 1, 1)));
        Assert.That(removal.Remove(rule.Id, "U0BEN", Start.AddDays(2)).Outcome, Is.EqualTo(SpotlightRuleRemovalOutcome.AlreadyRemoved));
        Assert.That(new SpotlightRuleStore(Database).History().Single().RemovedBy, Is.EqualTo("U0BEN"));
    }
}
