using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Customers;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Privacy;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Feedback;

/// <summary>
/// The feedback feature's storage (capture and its dedupe, find, list, search, erasure, issue exports and the queries
/// other features ask), the same on a SQLite file and on a real PostgreSQL database.
/// </summary>
[TestFixtureSource(typeof(ProviderDatabase), nameof(ProviderDatabase.Providers))]
public sealed class FeedbackStorageTests(StorageProvider provider)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private ProviderDatabase _db = null!;
    private FeedbackRepository _repository = null!;

    [SetUp]
    public async Task SetUp()
    {
        _db = await ProviderDatabase.CreateAsync(provider);
        _repository = new FeedbackRepository(_db.Database);
    }

    [TearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    private Database Database => _db.Database;

    private FeedbackItem Capture(string text, string reporter = "U1", string? customer = null, string? author = null, string? channel = null, string? ts = null, string? captureKey = null, DateTimeOffset? at = null) =>
        _repository.Capture(
            new FeedbackCapture
            {
                Text = text, ReporterId = reporter, Customer = customer, AuthorId = author, ChannelId = channel, MessageTs = ts, CaptureKey = captureKey,
                CapturePath = channel is null ? CapturePaths.Command : CapturePaths.Reaction,
            },
            "user_experience", null, null, at ?? Now).Item;

    private IReadOnlyList<FeedbackItem> Search(string words) =>
        FeedbackSearchQuery.For(words, Database.Dialect) is { } query ? _repository.Search(query, 10) : [];

    [Test]
    public void Capture_TheSameMessageTwice_IsOneItem_WithOneReportPerReporter()
    {
        var first = _repository.Capture(new FeedbackCapture { Text = "Export to CSV?", ReporterId = "U1", AuthorId = "U9", ChannelId = "C1", MessageTs = "1.1", CapturePath = CapturePaths.Reaction }, "user_experience", null, null, Now);
        var again = _repository.Capture(new FeedbackCapture { Text = "Export to CSV?", ReporterId = "U1", AuthorId = "U9", ChannelId = "C1", MessageTs = "1.1", CapturePath = CapturePaths.Reaction }, "user_experience", null, null, Now.AddMinutes(1));
        var other = _repository.Capture(new FeedbackCapture { Text = "Export to CSV?", ReporterId = "U2", AuthorId = "U9", ChannelId = "C1", MessageTs = "1.1", CapturePath = CapturePaths.Reaction }, "user_experience", null, null, Now.AddMinutes(2));

        Assert.That((first.IsNew, first.ReportAdded), Is.EqualTo((true, true)));
        Assert.That((again.IsNew, again.ReportAdded, again.Item.Id), Is.EqualTo((false, false, first.Item.Id)), "the same dedupe key is one report");
        Assert.That((other.IsNew, other.ReportAdded, other.Item.Id), Is.EqualTo((false, true, first.Item.Id)));
        Assert.That(_repository.Count(), Is.EqualTo(1));
        Assert.That(_repository.Reports(first.Item.Id).Select(r => r.ReporterId), Is.EqualTo(new[] { "U1", "U2" }));
        Assert.That(_repository.FindByMessage("C1", "1.1")?.Id, Is.EqualTo(first.Item.Id));
        Assert.That(_repository.FindByMessage("C1", "9.9"), Is.Null);
    }

    [Test]
    public void Capture_TheSameRequestAgain_FindsItsItem_AndAnImportedRowAgainAddsNothing()
    {
        var first = Capture("Dark mode please", captureKey: "cmd:1.2.3");
        var replayed = _repository.Capture(new FeedbackCapture { Text = "Dark mode please", ReporterId = "U1", CaptureKey = "cmd:1.2.3" }, "user_experience", null, null, Now.AddSeconds(5));
        var imported = new FeedbackCapture { Text = "SSO", ReporterName = "ana", ImportKey = "row:1", CapturePath = CapturePaths.Import, CreatedAt = Now.AddDays(-3) };
        var added = _repository.CaptureAll([(imported, "user_experience", null), (imported, "user_experience", null)], Now);

        Assert.That((replayed.IsNew, replayed.ReportAdded, replayed.Item.Id), Is.EqualTo((false, false, first.Id)));
        Assert.That(added, Is.EqualTo(1));
        Assert.That(_repository.Count(), Is.EqualTo(2));
        Assert.That(_repository.ExistingItems([(first.Id, first.CreatedAtMs), (first.Id, 1), (4242, 1)]), Is.EquivalentTo(new[] { first.Id }));
    }

    [Test]
    public void ListAndCount_NewestFirst_ByBucketAndSince_LeavingOutDeleted()
    {
        var old = Capture("Old one", at: Now.AddDays(-10));
        var recent = Capture("Recent one", at: Now.AddDays(-1));
        Capture("Gone one", channel: "C1", ts: "2.2", at: Now);
        _repository.MarkDeleted("C1", "2.2", Now);
        _repository.ChangeBucket(old.Id, "positioning", "U2", Now);
        _repository.AddReport(recent.Id, new FeedbackReport { ReporterId = "U2", Text = "me too", CreatedAtMs = Now.ToUnixTimeMilliseconds() });

        Assert.That(_repository.List(null, null, 10).Select(i => (i.Text, i.ReportCount)), Is.EqualTo(new[] { ("Recent one", 2), ("Old one", 1) }));
        Assert.That(_repository.List("positioning", null, 10).Select(i => i.Text), Is.EqualTo(new[] { "Old one" }));
        Assert.That(_repository.List(null, Now.AddDays(-2), 10).Select(i => i.Text), Is.EqualTo(new[] { "Recent one" }));
        Assert.That(_repository.CountListed(null, null), Is.EqualTo(2));
        Assert.That(_repository.CountListed("positioning", Now.AddDays(-2)), Is.Zero);
        Assert.That(_repository.BucketChanges(old.Id).Select(c => (c.FromBucket, c.ToBucket, c.ChangedBy)), Is.EqualTo(new[] { ("user_experience", "positioning", "U2") }));
    }

    [Test]
    public void Search_FindsWordFormsAndCustomers_BestMatchFirst()
    {
        Capture("The menu export is broken", at: Now.AddMinutes(2));
        Capture("How do I invite my team?");
        Capture("Export to CSV would help, export matters", customer: "Globex", at: Now.AddMinutes(1));

        Assert.That(Search("exporting").Select(i => i.Text), Is.EqualTo(new[] { "Export to CSV would help, export matters", "The menu export is broken" }), "saying it twice ranks first");
        Assert.That(Search("menu exported").Select(i => i.Text), Is.EqualTo(new[] { "The menu export is broken" }), "every word must be there");
        Assert.That(Search("GLOBEX").Single().Customer, Is.EqualTo("Globex"));
        Assert.That(Search("roadmap"), Is.Empty, "no match");
    }

    [Test]
    public void Search_IgnoresAccents_EitherWay()
    {
        var accented = Capture("The café menu is slow", customer: "Señor Pago");
        var plain = Capture("cafe opening hours");

        Assert.That(Search("cafe").Select(i => i.Id), Is.EquivalentTo(new[] { accented.Id, plain.Id }));
        Assert.That(Search("CAFÉ opening").Select(i => i.Id), Is.EqualTo(new[] { plain.Id }));
        Assert.That(Search("cafe\u0301 senor").Select(i => i.Id), Is.EqualTo(new[] { accented.Id }), "a combining accent is no letter of its own");
    }

    [Test]
    public void Search_FollowsEditsAndErasure_AndSkipsDeletedItems()
    {
        Capture("Where is the billing page?", channel: "C1", ts: "1.1");

        _repository.UpdateFromMessage("C1", "1.1", "Where is the invoices page?", "user_experience", null, Now);
        Assert.That(Search("billing"), Is.Empty);
        Assert.That(Search("invoices"), Has.Count.EqualTo(1));

        _repository.MarkDeleted("C1", "1.1", Now);
        Assert.That(Search("invoices"), Is.Empty);
    }

    [TestCase("\"foo")]
    [TestCase("foo\" OR")]
    [TestCase("NEAR(a b, 2)")]
    [TestCase("col:term")]
    [TestCase("-export")]
    [TestCase("a AND")]
    [TestCase("\"\"\"")]
    [TestCase("' OR 1=1 --")]
    [TestCase("can't")]
    [TestCase("a\\b \\' \\")]
    [TestCase("export & | ! <-> :* (")]
    [TestCase("{a b} [c] 'd' \"e\"")]
    [TestCase("a\0b")]
    [TestCase("\u0001\u001b[31m\u007f\u0085")]
    [TestCase("日本語のテキスト 😀 👩‍👩‍👧‍👦 e\u0301")]
    [TestCase("\ud83d")]
    public void Search_QuerySyntaxAndOddInput_IsSearchedForAsWords_NeverThrows(string words)
    {
        Capture("export of invoices, can't find it");

        Assert.DoesNotThrow(() => Search(words), words);
    }

    [Test]
    public void Search_QuotesAndOperatorsAreWords_AndVeryLongInputFindsNothing()
    {
        Capture("I can't export, it says 'denied'");
        Capture("Nothing about that");

        Assert.That(Search("can't").Select(i => i.Text), Is.EqualTo(new[] { "I can't export, it says 'denied'" }));
        Assert.That(Search("-export").Select(i => i.Text), Is.EqualTo(new[] { "I can't export, it says 'denied'" }), "a minus is no NOT");
        Assert.That(Search("export OR nothing"), Is.Empty, "OR is a word like any other");
        Assert.That(Search(new string('x', 40_000)), Is.Empty);
        Assert.That(Search(string.Join(' ', Enumerable.Range(0, 8_000).Select(i => "w" + i.ToString(CultureInfo.InvariantCulture)))), Is.Empty);
        Assert.That(FeedbackSearchQuery.For("* \" - \0", Database.Dialect), Is.Null, "nothing searchable");
    }

    [Test]
    public void UpdateDetailsAndFollowUpAnswer_LandOnTheReportersOwnReport()
    {
        var item = Capture("Audit log export");
        _repository.AddReport(item.Id, new FeedbackReport { ReporterId = "U2", Text = "Audit log too", CreatedAtMs = Now.AddMinutes(1).ToUnixTimeMilliseconds() });

        Assert.That(_repository.UpdateDetails(item.Id, "Acme", null, "high", null, Now, why: "their audit", reporterId: "U2"), Is.True);
        _repository.AddFollowUp(item.Id, "C1", "5.5", "U2", Now);
        Assert.That(_repository.AnswerFollowUp("C1", "5.5", "U2", "due in May", Now), Is.EqualTo(item.Id));
        Assert.That(_repository.AnswerFollowUp("C1", "5.5", "U2", "again", Now), Is.Null, "answered once");
        Assert.That(_repository.UpdateDetails(4242, "Acme", null, null, null, Now), Is.False);

        Assert.That(_repository.Get(item.Id)!.Customer, Is.EqualTo("Acme"));
        Assert.That(_repository.Reports(item.Id).Select(r => (r.ReporterId, r.Importance, r.Why)), Is.EqualTo(new[] { ("U1", (string?)null, (string?)null), ("U2", "high", "their audit\ndue in May") }));
        Assert.That(_repository.GetFollowUp(item.Id)!.Answer, Is.EqualTo("due in May"));
    }

    [Test]
    public void ResolveAndReopen_CountRounds_AndForgetWhoWasTold()
    {
        var item = Capture("Pay by invoice");

        Assert.That(_repository.Resolve(item.Id, "U2", "shipped", Now), Is.True);
        Assert.That(_repository.TryClaimNotification(item.Id, "U1", Now), Is.True);
        Assert.That(_repository.TryClaimNotification(item.Id, "U1", Now), Is.False);
        Assert.That(_repository.NotifiedReporters(item.Id), Is.EqualTo(new[] { "U1" }));
        Assert.That(_repository.Reopen(item.Id, Now.AddDays(1)), Is.True);
        Assert.That(_repository.Reopen(item.Id, Now.AddDays(1)), Is.False, "open already");

        Assert.That(_repository.ResolutionRound(item.Id), Is.EqualTo(1));
        Assert.That(_repository.NotifiedReporters(item.Id), Is.Empty);
        Assert.That(_repository.CountReportsSince(item.Id, Now.AddMinutes(-1)), Is.EqualTo(1));
        Assert.That(_repository.TryRecordAlert("threshold:3", item.Id, Now), Is.True);
        Assert.That(_repository.IsAlertRecorded("threshold:3", item.Id), Is.True);
    }

    [Test]
    public async Task EraseUser_RemovesTheirReports_RewritesSharedItems_AndADryRunKeepsEverything()
    {
        var alone = Capture("alice alone wants dark mode", "U0ALICE", customer: "Acme").Id;
        var shared = Capture("alice says exports are slow", "U0ALICE", customer: "Acme").Id;
        _repository.AddReport(shared, new FeedbackReport { ReporterId = "U0BOB", ReporterName = "bob", Text = "bob hears exports are slow", Customer = "Globex", CreatedAtMs = Now.AddMinutes(5).ToUnixTimeMilliseconds() });
        var written = Capture("a message alice wrote herself", "U0BOB", author: "U0ALICE", channel: "C0FEEDBACK", ts: "1700000000.000100").Id;
        var others = Capture("bob only: search is broken", "U0BOB").Id;
        _repository.Resolve(others, "U0ALICE", "fixed in 2.1", Now);
        var erasure = new FeedbackErasure(Database);

        var dry = await erasure.EraseAsync(ErasureSubject.ForUser("U0ALICE"), apply: false, CancellationToken.None);
        Assert.That(_repository.Count(), Is.EqualTo(4), "a dry run changes nothing");
        var done = await erasure.EraseAsync(ErasureSubject.ForUser("U0ALICE"), apply: true, CancellationToken.None);

        Assert.That(done.Lines, Is.EqualTo(dry.Lines));
        Assert.That(done.Lines, Does.Contain("3 feedback reports").And.Contain("2 feedback items with no other reports (with their history)"));
        Assert.That(_repository.Get(alone), Is.Null);
        Assert.That(_repository.Get(written), Is.Null, "a message she wrote is her words, whoever captured it");
        var kept = _repository.Get(shared)!;
        Assert.That((kept.Text, kept.ReporterId, kept.Customer), Is.EqualTo(("bob hears exports are slow", "U0BOB", "Globex")));
        Assert.That(_repository.AllWithReportCounts().Select(x => (x.Item.Id, x.Reports)), Is.EquivalentTo(new[] { (shared, 1), (others, 1) }));
        Assert.That(_repository.Get(others)!.ResolvedBy, Is.EqualTo(FeedbackErasure.ErasedPerson));
        Assert.That(Search("alice"), Is.Empty, "the search forgot her words too");
        Assert.That(Search("globex").Select(i => i.Id), Is.EqualTo(new[] { shared }));
    }

    [Test]
    public async Task EraseCustomer_InAnyCase_RemovesTheirFeedbackAndTheirRecord()
    {
        var only = Capture("acme wants SSO", customer: "Acme").Id;
        var shared = Capture("exports are slow", customer: "ACME").Id;
        _repository.AddReport(shared, new FeedbackReport { ReporterId = "U2", Text = "globex too", Customer = "Globex", CreatedAtMs = Now.AddMinutes(1).ToUnixTimeMilliseconds() });
        var untouched = Capture("initech wants SAML", customer: "Initech").Id;
        new CustomerRepository(Database).Upsert([new CustomerRow(2, "Acme", ["Acme Corp"], ["acme.com"], "gold", 1, null)], Now);

        var feedback = await new FeedbackErasure(Database).EraseAsync(ErasureSubject.ForCustomer("aCmE"), apply: true, CancellationToken.None);
        var customers = await new CustomerErasure(Database).EraseAsync(ErasureSubject.ForCustomer("acme corp"), apply: true, CancellationToken.None);

        Assert.That(feedback.Lines[0], Is.EqualTo("2 feedback reports"));
        Assert.That(_repository.Get(only), Is.Null);
        Assert.That(_repository.Get(shared)!.Customer, Is.EqualTo("Globex"));
        Assert.That(_repository.Get(untouched), Is.Not.Null);
        Assert.That(customers.Lines, Is.EqualTo(new[] { "1 customer record (with aliases and email domains)" }));
        Assert.That(new CustomerRepository(Database).FindByDomain("acme.com"), Is.Null);
    }

    [Test]
    public async Task CaptureKeyRetention_ForgetsOldKeys_AndKeepsTheItems()
    {
        var old = Capture("old", captureKey: "cmd:old", at: Now.AddDays(-8));
        var fresh = Capture("fresh", captureKey: "cmd:fresh", at: Now.AddDays(-1));
        var retention = new CaptureKeyRetention(Database, Options.Create(new FeedbackOptions { CaptureKeyRetention = TimeSpan.FromDays(7) }));

        Assert.That(await retention.PurgeAsync(Now, CancellationToken.None), Is.EqualTo(1));
        Assert.That(await retention.PurgeAsync(Now, CancellationToken.None), Is.Zero);
        using var connection = Database.Open();
        Assert.That(connection.Query<(long, string?)>("SELECT id, capture_key FROM feedback_items ORDER BY id"), Is.EqualTo(new[] { (old.Id, (string?)null), (fresh.Id, "cmd:fresh") }));
    }

    [Test]
    public async Task AnIssuesItems_WhyQuotesAndReportExport_FollowMergedItems()
    {
        var issue = _repository.Capture(new FeedbackCapture { Text = "Export invoices to Excel", Customer = "Acme", ReporterId = "U0ANA", ReporterName = "ana", Importance = "low", Why = "tidy books" }, "user_experience", null, null, Now).Item;
        var merged = _repository.Capture(new FeedbackCapture { Text = "Excel export", ReporterId = "U0BEN", Importance = "high", Why = "=audit" }, "user_experience", null, null, Now.AddDays(1)).Item;
        var chained = Capture("xlsx please", "U0CY", at: Now.AddDays(2));
        Capture("unrelated", "U0BEN", at: Now.AddDays(3));
        _repository.Capture(new FeedbackCapture { Text = "named elsewhere", ReporterId = "U0CY", ReporterName = "cy" }, "user_experience", null, null, Now.AddDays(4));
        using (var connection = Database.Open())
        {
            connection.Execute("UPDATE feedback_items SET merged_into_id = @issue WHERE id = @merged", new { issue = issue.Id, merged = merged.Id });
            connection.Execute("UPDATE feedback_items SET merged_into_id = @merged WHERE id = @chained", new { merged = merged.Id, chained = chained.Id });
        }

        var items = new FeedbackIssueItems(Database);
        var why = new FeedbackWhyQueries(Database, items);
        var output = new StringWriter();
        var rows = await new IssueReportsExporter(Database, items).ExportAsync(issue.Id, output);

        Assert.That(items.ItemsOf(issue.Id), Is.EqualTo(new[] { issue.Id, merged.Id, chained.Id }));
        Assert.That(items.ItemsOf(4242), Is.Null);
        Assert.That(why.WhyQuotes(issue.Id).Select(q => (q.ItemId, q.Why)), Is.EqualTo(new[] { (merged.Id, "=audit"), (issue.Id, "tidy books") }), "the most important first");
        Assert.That(why.WhyQuotes(issue.Id, Now.AddHours(1), Now.AddDays(2)).Select(q => q.ItemId), Is.EqualTo(new[] { merged.Id }));
        Assert.That(why.WhyQuotes(4242), Is.Empty);
        Assert.That(rows, Is.EqualTo(3));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo(string.Join(',', IssueReportsExporter.Header)));
        Assert.That(lines.Skip(1).Select(l => l.Split(',')[5]), Is.EqualTo(new[] { "ana", "U0BEN", "cy" }), "a name recorded elsewhere names the reporter");
        Assert.That(lines[2], Does.Contain("'=audit"), "text a spreadsheet would run is defused");
        Assert.That(await new IssueReportsExporter(Database, items).ExportAsync(4242, new StringWriter()), Is.Null);
    }

    [Test]
    public async Task CapturedByPerson_CountsReportsInThePeriod_AndResearch()
    {
        _repository.Capture(new FeedbackCapture { Text = "a", ReporterId = "U1", Source = "Research" }, "user_experience", null, null, Now);
        var item = Capture("b", "U1", at: Now.AddHours(1));
        _repository.AddReport(item.Id, new FeedbackReport { ReporterId = "U2", Text = "me too", Source = "research", CreatedAtMs = Now.AddHours(2).ToUnixTimeMilliseconds() });
        Capture("outside", "U1", at: Now.AddDays(2));

        var counts = await new FeedbackPeopleQueries(Database).CapturedByPersonAsync(Now, Now.AddDays(1));

        Assert.That(counts.OrderBy(c => c.UserId, StringComparer.Ordinal), Is.EqualTo(new[] { new PersonFeedbackCount("U1", 2, 1), new PersonFeedbackCount("U2", 1, 1) }));
    }

    [Test]
    public void ProductAreaHook_StoresTheAreaTheTaggerFinds()
    {
        var item = Capture("billing is confusing");
        new ProductAreaCaptureHook(new FixedTagger("billing"), Database).Captured(item);
        new ProductAreaCaptureHook(new NoProductAreaTagger(), Database).Captured(item);

        using var connection = Database.Open();
        Assert.That(connection.ExecuteScalar<string>("SELECT product_area FROM feedback_items WHERE id = @id", new { id = item.Id }), Is.EqualTo("billing"));
    }

    private sealed class FixedTagger(string area) : IProductAreaTagger
    {
        public string? Tag(string text) => area;
    }
}
