using Dapper;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Feedback.Issues;
using SlackFeedbackBot.Spotlight;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Feedback.Issues;

/// <summary>Issues in the database, the same on SQLite and PostgreSQL: merges and their history, sizes, full-text candidates, offers.</summary>
[TestFixtureSource(typeof(ProviderDatabase), nameof(ProviderDatabase.Providers))]
public sealed class IssueRepositoryTests(StorageProvider provider)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private ProviderDatabase _db = null!;
    private FeedbackRows _rows = null!;
    private IssueRepository _issues = null!;

    [SetUp]
    public async Task SetUp()
    {
        _db = await ProviderDatabase.CreateAsync(provider);
        _rows = new FeedbackRows(_db.Database);
        _issues = new IssueRepository(_db.Database);
    }

    [TearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    private long Item(string text, string? customer = null, string? reporter = "U1", int day = 0) =>
        _rows.Item(text, SpotlightBuckets.ProductMarketing, Start.AddDays(day), customer, reporter);

    [Test]
    public void Merge_BringsWhatWasMergedIntoTheItem_AndTheIssueCountsEveryReportAndCustomer()
    {
        var root = Item("Trello power-up please", "Acme");
        var middle = Item("Trello integration for cards", "Globex");
        var leaf = Item("Cards from Trello boards", "acme ");
        _rows.Report(middle, "U2", "Hooli", Start.AddDays(3));

        Assert.That(_issues.Merge(leaf, middle, "U7", Start.AddDays(1)), Is.EqualTo(new[] { leaf }));
        var moved = _issues.Merge(middle, root, "U8", Start.AddDays(2));

        Assert.That(moved, Is.EqualTo(new[] { middle, leaf }), "the item first, then what was merged into it");
        Assert.That(_issues.RootsOf([root, middle, leaf, 999]), Is.EqualTo(new Dictionary<long, long> { [root] = root, [middle] = root, [leaf] = root }));
        Assert.That(_issues.RootOf(leaf), Is.EqualTo(root));
        Assert.That(_issues.Members(root), Is.EqualTo(new[] { root, middle, leaf }));
        Assert.That(_issues.MergedInto(root).Select(i => (i.Id, i.ReportCount)), Is.EqualTo(new[] { (middle, 2), (leaf, 1) }));
        Assert.That(_issues.Size(root), Is.EqualTo(new IssueSize(root, 4, 3, 3)), "Acme and \"acme \" are one customer");
        Assert.That(_issues.Reports(root).Select(r => r.ItemId), Is.EqualTo(new[] { root, middle, leaf, middle }));
        Assert.That(_issues.CountReportsSince(root, Start.AddDays(2)), Is.EqualTo(1));
    }

    [Test]
    public void Unmerge_ClosesTheLatestMerge_AndTheHistoryTellsWhoDidWhatWhen()
    {
        var root = Item("Trello power-up please");
        var other = Item("Trello integration for cards");
        _issues.Merge(other, root, "U7", Start.AddDays(1));

        Assert.That(_issues.Unmerge(other, "U8", Start.AddDays(2)), Is.EqualTo(root));
        Assert.That(_issues.Unmerge(other, "U8", Start.AddDays(3)), Is.Null, "not merged any more");
        _issues.Merge(other, root, "U9", Start.AddDays(4));

        Assert.That(_issues.RootOf(other), Is.EqualTo(root));
        var merged = Start.AddDays(1).ToUnixTimeMilliseconds();
        var undone = Start.AddDays(2).ToUnixTimeMilliseconds();
        var again = Start.AddDays(4).ToUnixTimeMilliseconds();
        Assert.That(_issues.History(root), Is.EqualTo(new[]
        {
            new IssueMerge(other, root, "U7", merged, "U8", undone),
            new IssueMerge(other, root, "U9", again, null, null),
        }));
        Assert.That(_issues.History(other), Is.EqualTo(_issues.History(root)));
        Assert.That(_issues.History(root)[0].UndoneAt, Is.EqualTo(Start.AddDays(2)));
    }

    [Test]
    public void CandidateRoots_FindOpenIssuesByTheStartOfTheirWords_AsTheirRoots()
    {
        var item = Item("Trello cards please");
        var open = Item("Integrate with Trello, we live in it");
        var planned = Item("Create cards from tasks");
        var merged = Item("TRELLO boards sync");
        var resolved = Item("Trello export");
        var different = Item("Trello notifications");
        Item("Dark mode for the designers");
        _rows.SetStatus(planned, FeedbackStatus.Planned);
        _issues.Merge(merged, open, "U7", Start);
        _rows.SetStatus(resolved, FeedbackStatus.Resolved);
        _issues.AnswerOffer(item, different, IssueAnswers.Different, "U2", Start);

        var candidates = _issues.CandidateRoots(["trello", "card"], item, 10);

        Assert.That(candidates, Is.EquivalentTo(new[] { open, planned }), "\"card\" finds \"cards\"; a merged item stands for its root");
        Assert.That(_issues.CandidateRoots(["trello", "card"], item, 1), Has.Count.EqualTo(1));
        Assert.That(_issues.CandidateRoots(["kanban"], item, 10), Is.Empty);
        Assert.That(_issues.CandidateRoots(["it's", "o'brien\\"], item, 10), Is.Empty, "quotes and backslashes are words, never query syntax");
    }

    [Test]
    public void Matcher_OffersTheOpenIssueANewItemRepeats_AndRemembersTheOffer()
    {
        var trello = Item("Acme asks if we integrate with Trello, they want cards created from tasks", "Acme");
        Item("Can we get SSO with Okta?");
        Item("Dark mode please, the designers work at night");
        var again = Item("Globex wants a Trello integration so tasks show up as Trello cards", "Globex", "U2");
        var matcher = new IssueMatcher(_issues, Microsoft.Extensions.Options.Options.Create(new FeedbackOptions()), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Start));

        var offer = matcher.FindFor(new FeedbackRepository(_db.Database).Get(again)!);

        Assert.That((offer?.IssueId, offer?.Size), Is.EqualTo(((long?)trello, (IssueSize?)new IssueSize(trello, 1, 1, 1))));
        Assert.That(offer!.SharedWords, Does.Contain("trello"));
        Assert.That(_issues.PendingOffers(10).Select(o => (o.ItemId, o.CandidateId)), Is.EqualTo(new[] { (again, trello) }));
    }

    [Test]
    public void DocumentFrequency_CountsItemsWithAWordStartingWithTheStem_DeletedOnesToo()
    {
        Item("Trello cards please");
        var deleted = Item("Trellos everywhere");
        Item("Dark mode", customer: "Trello Inc");
        Item("Export to Excel");
        _rows.SetStatus(deleted, FeedbackStatus.Deleted);

        Assert.That(_issues.DocumentFrequency("trello"), Is.EqualTo((3L, 4L)), "the customer's words count too");
        Assert.That(_issues.DocumentFrequency("kanban"), Is.EqualTo((0L, 4L)));
    }

    [Test]
    public void KnownCustomers_AreTheItemsAndReportsCustomers_Once()
    {
        var item = Item("Trello cards please", "Acme");
        _rows.Report(item, "U2", "Globex", Start);
        _rows.Report(item, "U3", "Acme", Start);

        Assert.That(_issues.KnownCustomers(), Is.EquivalentTo(new[] { "Acme", "Globex" }));
        Assert.That(_issues.MemberTexts(item), Is.EqualTo(new[] { (item, "Trello cards please", (string?)"Acme") }));
    }

    [Test]
    public void Offers_AreKeptOncePerPair_PendingUntilAnswered_AndAnAnswerChangesOnce()
    {
        var item = Item("Trello cards please");
        var candidate = Item("Integrate with Trello");

        Assert.That(_issues.RecordOffer(item, candidate, 0.5, ["trello", "card"], Start), Is.True);
        Assert.That(_issues.RecordOffer(item, candidate, 0.9, ["trello"], Start.AddHours(1)), Is.False);
        Assert.That(_issues.PendingOffers(10), Is.EqualTo(new[] { new PendingIssueOffer(item, candidate, 0.5, "trello card", Start.ToUnixTimeMilliseconds()) }));

        Assert.That(_issues.AnswerOffer(item, candidate, IssueAnswers.Same, "U2", Start.AddHours(2)), Is.True);
        Assert.That(_issues.AnswerOffer(item, candidate, IssueAnswers.Same, "U3", Start.AddHours(3)), Is.False, "the same answer again changes nothing");
        Assert.That(_issues.AnswerOffer(item, candidate, IssueAnswers.Different, "U3", Start.AddHours(4)), Is.True);
        Assert.That(_issues.AnswerOffer(candidate, item, IssueAnswers.Same, "U3", Start.AddHours(5)), Is.True, "an answer to an offer never made is kept too");
        Assert.That(_issues.PendingOffers(10), Is.Empty);
        using var connection = _db.Database.Open();
        Assert.That(connection.QuerySingle<(string, string)>("SELECT answer, answered_by FROM feedback_issue_offers WHERE item_id = @item", new { item }),
            Is.EqualTo(("different", "U3")));
    }
}
