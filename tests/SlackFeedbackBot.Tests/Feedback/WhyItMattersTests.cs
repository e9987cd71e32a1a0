using Dapper;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Feedback;

/// <summary>
/// "How important is this to them, and why?": kept per report (inline <c>why:</c>, "me too", the follow-up answer),
/// shown in <c>/feedback show</c>, written in the exports, and quoted for the digest.
/// </summary>
public sealed class WhyItMattersTests
{
    private FeedbackHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new FeedbackHarness();

    [TearDown]
    public void TearDown() => _h.Dispose();

    [Test]
    public void InlineWhy_QuotedOrUnquoted_IsTakenOutOfTheTextUpToTheNextField()
    {
        var quoted = InlineFields.Parse("why:“they close their books with it” Can I export to Excel? customer:Acme");
        var unquoted = InlineFields.Parse("Can I export to Excel? why: their accountant needs it every month importance:high customer:\"Big Co\"");
        var last = InlineFields.Parse("customer:Acme Can I export to Excel? why: board meeting on Friday");
        var empty = InlineFields.Parse("Can I export to Excel? why: customer:Acme");
        var unclosed = InlineFields.Parse("Can I export to Excel? why: \"they need it");

        Assert.That((quoted.Text, quoted.Why, quoted.Customer), Is.EqualTo(("Can I export to Excel?", "they close their books with it", "Acme")));
        Assert.That((unquoted.Text, unquoted.Why, unquoted.Importance, unquoted.Customer), Is.EqualTo(("Can I export to Excel?", "their accountant needs it every month", "high", "Big Co")));
        Assert.That((last.Text, last.Why), Is.EqualTo(("Can I export to Excel?", "board meeting on Friday")));
        Assert.That((empty.Why, empty.Customer), Is.EqualTo(((string?)null, "Acme")));
        Assert.That(empty.Text, Does.StartWith("Can I export to Excel?"));
        Assert.That(unclosed.Error, Does.Contain("The quote after why: is not closed"));
        Assert.That(InlineFields.Parse("How do I see why the sync failed?").Why, Is.Null, "a word that only looks like the field stays in the text");
    }

    [Test]
    public async Task InlineWhy_OnTheCommand_IsStoredOnTheFirstReport()
    {
        await _h.CommandAsync("customer:Acme importance:high Can I export invoices to Excel? why: their accountant closes the books with it");

        var report = _h.Repository.Reports(1).Single();
        Assert.That(_h.Repository.Get(1)!.Text, Is.EqualTo("Can I export invoices to Excel?"));
        Assert.That((report.Importance, report.Why), Is.EqualTo(("high", "their accountant closes the books with it")));
    }

    [Test]
    public async Task InlineWhy_TooLong_IsRefusedAndNothingIsStored()
    {
        var reply = await _h.CommandAsync($"Can I export invoices? why:\"{new string('x', _h.Options.MaxTextLength + 1)}\"");

        Assert.That(reply!.Text, Does.Contain("The why is").And.Contain("Nothing was saved"));
        Assert.That(_h.Repository.Count(), Is.Zero);
    }

    [Test]
    public async Task MeToo_KeepsItsOwnImportanceAndWhy_AndSayingItAgainFillsWhatWasMissing()
    {
        await _h.CommandAsync("importance:low Can I export invoices to Excel? why:\"nice to have\"");

        await _h.CommandAsync("same 1 They need Excel exports too customer:Globex importance:high why: audit in two weeks", user: "U2");
        await _h.CommandAsync("same 1 Also asking for Excel customer:Initech", user: "U3");
        var again = await _h.CommandAsync("same 1 Also asking for Excel customer:Initech why:\"renewal depends on it\"", user: "U3");
        var badImportance = await _h.CommandAsync("same 1 Me too importance:urgent", user: "U4");

        var reports = _h.Repository.Reports(1);
        Assert.That(reports.Select(r => (r.ReporterId, r.Importance, r.Why)), Is.EqualTo(new[]
        {
            ("U1", "low", "nice to have"),
            ("U2", "high", "audit in two weeks"),
            ((string?)"U3", (string?)null, (string?)"renewal depends on it"),
        }));
        Assert.That(again!.Text, Does.Contain("count once"));
        Assert.That(badImportance!.Text, Does.Contain("`urgent` is not an importance"));
    }

    [Test]
    public async Task FollowUpAnswer_BecomesTheWhyOfTheAnswerersReport()
    {
        var outcome = await _h.CaptureAsync("Customer: how do I export invoices?", reporter: "U5", channel: "C9", ts: "1700000000.000100", path: CapturePaths.Passive);
        await _h.CaptureAsync("Customer: how do I export invoices?", reporter: "U6", channel: "C9", ts: "1700000000.000100", path: CapturePaths.Reaction);
        _h.Service.FollowUpAsked(outcome.Item!.Id, "C9", "1700000000.000100", "U5");

        var answered = _h.Service.FollowUpAnswered("C9", "1700000000.000100", "U5", "Very: their accountant needs it every month");
        var second = _h.Service.FollowUpAnswered("C9", "1700000000.000100", "U5", "and another thing");

        Assert.That(answered, Is.EqualTo(outcome.Item.Id));
        Assert.That(second, Is.Null, "only the first reply is the answer");
        Assert.That(_h.Repository.Reports(outcome.Item.Id).Select(r => (r.ReporterId, r.Why)), Is.EqualTo(new[]
        {
            ("U5", (string?)"Very: their accountant needs it every month"),
            ("U6", null),
        }));
        Assert.That(_h.Repository.GetFollowUp(outcome.Item.Id)!.Answer, Is.EqualTo("Very: their accountant needs it every month"), "the answer is kept where it always was");
    }

    [Test]
    public async Task AddDetails_ShowsAndChangesTheWhyOfTheOpenersOwnReport()
    {
        await _h.CommandAsync("Can I export invoices? why:\"first reporter's reason\"");
        await _h.CommandAsync("same 1 Excel too customer:Globex", user: "U2");

        var form = _h.Get<FeedbackModals>().Details(_h.Repository.Get(1)!, report: _h.Service.ReportFor(1, "U1"));
        var changed = _h.Service.AddDetails(1, null, null, "high", null, why: "audit next week", userId: "U2");
        var tooLong = _h.Service.AddDetails(1, null, null, null, null, why: new string('x', _h.Options.MaxTextLength + 1), userId: "U2");

        Assert.That(SlackFeedbackBot.Slack.SlackJson.Serialize(form), Does.Contain(FeedbackModals.WhyBlock).And.Contain("first reporter"));
        Assert.That(changed.Problem, Is.Null);
        Assert.That(tooLong.Problem, Does.Contain("The why is"));
        Assert.That(_h.Repository.Reports(1).Select(r => (r.ReporterId, r.Importance, r.Why)), Is.EqualTo(new[]
        {
            ("U1", (string?)null, (string?)"first reporter's reason"),
            ("U2", "high", "audit next week"),
        }));
        Assert.That(_h.Repository.Get(1)!.Importance, Is.EqualTo("high"), "the item's importance is set as before");
    }

    [Test]
    public async Task Show_QuotesEachReportsImportanceAndWhy_Defused()
    {
        await _h.CommandAsync("importance:high Can I export invoices to Excel? why: <!channel> audit *next* week");
        await _h.CommandAsync("same 1 Excel please customer:Globex importance:low why:\"would save an hour a month\"", user: "U2");
        await _h.CommandAsync("same 1 Me too, no reason given customer:Initech", user: "U3");

        var shown = Texts((await _h.CommandAsync("show 1"))!.Json);

        Assert.That(shown, Does.Contain("importance *high*").And.Contain("importance *low*"));
        Assert.That(shown, Does.Contain("_Why it matters:_\n> would save an hour a month"));
        Assert.That(shown, Does.Not.Contain("<!channel>"), "a broadcast typed in the why is not repeated as one");
        Assert.That(shown, Does.Contain("audit"));
        Assert.That(CountOf(shown, "Why it matters"), Is.EqualTo(2), "the report without a why shows none");
    }

    [Test]
    public async Task Export_HasTheImportanceAndWhyTheItemWasCapturedWith()
    {
        await _h.CommandAsync("importance:medium Can I export invoices? why:\"=cmd|' /C calc'!A0 they need it\"");
        await _h.CommandAsync("same 1 Me too why:\"not the item's own\"", user: "U2");
        await _h.CommandAsync("How do I add seats?");
        var csv = new StringWriter();

        await _h.Get<FeedbackExporter>().ExportAsync(csv);

        var lines = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.StartWith("id,created_at,text,customer,source,importance,why,bucket,"));
        Assert.That(lines[1], Does.Contain(",medium,\"'=cmd|' /C calc'!A0 they need it\","), "a formula in the why is defused");
        Assert.That(csv.ToString(), Does.Not.Contain("not the item's own"));
        Assert.That(lines[2], Does.Contain("How do I add seats?,,,,,"), "no customer, source, importance or why");
    }

    [Test]
    public async Task IssueExport_SeveralReports_OneRowEachWithCustomerReporterNameWordsImportanceWhyDateAndLink()
    {
        var first = await _h.Service.CaptureAsync(new FeedbackCapture
        {
            Text = "Can I export invoices to Excel?",
            Customer = "Acme",
            Importance = "high",
            Why = "their accountant closes the books with it",
            Link = "https://tickets.example.com/1",
            ReporterId = "U1",
            ReporterName = "ana",
        }, CancellationToken.None);
        _h.Time.Advance(TimeSpan.FromDays(2));
        await _h.CommandAsync("same 1 +They need Excel too customer:Globex importance:low why: nice to have", user: "U2");
        _h.Time.Advance(TimeSpan.FromDays(1));
        await _h.CommandAsync("same 1 Asked on the call again customer:Acme", user: "U1");
        await _h.CaptureAsync("Something else entirely", reporter: "U2");
        // U2's name is known from another capture, though "same" on this harness carries none.
        await _h.Service.CaptureAsync(new FeedbackCapture { Text = "How do I add seats?", ReporterId = "U2", ReporterName = "ben" }, CancellationToken.None);
        var csv = new StringWriter();

        var rows = await _h.Get<IssueReportsExporter>().ExportAsync(first.Item!.Id, csv);

        Assert.That(rows, Is.EqualTo(3));
        Assert.That(csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            "issue,item,report,created_at,customer,reporter,reporter_id,words,importance,why,link",
            "1,1,1,2026-11-23T12:00:00.000Z,Acme,ana,U1,Can I export invoices to Excel?,high,their accountant closes the books with it,https://tickets.example.com/1",
            "1,1,2,2026-11-25T12:00:00.000Z,Globex,ben,U2,\"'+They need Excel too\",low,nice to have,",
            "1,1,3,2026-11-26T12:00:00.000Z,Acme,ana,U1,Asked on the call again,,,",
        }));
    }

    [Test]
    public async Task IssueExport_NoSuchIssue_WritesNothing()
    {
        var csv = new StringWriter();

        Assert.That(await _h.Get<IssueReportsExporter>().ExportAsync(42, csv), Is.Null);
        Assert.That(csv.ToString(), Is.Empty);
    }

    [Test]
    public async Task WhyQuotes_OfAnIssue_MostImportantFirstThenNewest_InThePeriodAsked()
    {
        await _h.CommandAsync("importance:low Can I export invoices? why:\"nice to have\"");
        _h.Time.Advance(TimeSpan.FromDays(1));
        await _h.CommandAsync("same 1 Excel please why:\"no importance said\"", user: "U2");
        _h.Time.Advance(TimeSpan.FromDays(1));
        await _h.CommandAsync("same 1 Excel, urgently importance:high why:\"audit next week\"", user: "U3");
        await _h.CommandAsync("same 1 No reason importance:high", user: "U4");

        var all = _h.Get<FeedbackWhyQueries>().WhyQuotes(1);
        var lastDay = _h.Get<FeedbackWhyQueries>().WhyQuotes(1, from: FeedbackHarness.Start.AddDays(1.5));

        Assert.That(all.Select(q => (q.ReporterId, q.Importance, q.Why)), Is.EqualTo(new[]
        {
            ("U3", (string?)"high", "audit next week"),
            ("U1", "low", "nice to have"),
            ("U2", null, "no importance said"),
        }));
        Assert.That(lastDay.Select(q => q.Why), Is.EqualTo(new[] { "audit next week" }));
        Assert.That(_h.Get<FeedbackWhyQueries>().WhyQuotes(99), Is.Empty);
    }

    [Test]
    public void Migration_GivesTheFirstReportTheItemsImportance_AndTheFollowUpAnswerToItsReporter()
    {
        using var dir = new TempDirectory();
        var database = new Database(dir.File("old.db"));
        Database.CreateFile(database.Path);
        using (var connection = database.Open())
        {
            foreach (var (version, _, sql) in Migrator.Scripts.Where(s => s.Version < 15))
            {
                connection.Execute(sql);
                connection.Execute($"PRAGMA user_version = {version};");
            }

            connection.Execute("""
                INSERT INTO feedback_items (id, text, importance, capture_path, bucket, created_at, updated_at) VALUES (1, 'Export?', 'high', 'reaction', 'unclassified', 1, 1);
                INSERT INTO feedback_reports (id, item_id, reporter_id, text, created_at) VALUES (1, 1, 'U1', 'Export?', 1), (2, 1, 'U2', 'Export too', 2), (3, 1, 'U3', 'Me too', 3);
                INSERT INTO feedback_follow_ups (item_id, channel_id, thread_ts, user_id, asked_at, answer) VALUES (1, 'C1', '1.1', 'U2', 2, 'Their audit');
                """);
        }

        database.Initialize();

        var reports = new FeedbackRepository(database).Reports(1);
        Assert.That(reports.Select(r => (r.ReporterId, r.Importance, r.Why)), Is.EqualTo(new[]
        {
            ("U1", (string?)"high", (string?)null),
            ("U2", null, "Their audit"),
            ("U3", null, null),
        }));
    }

    /// <summary>Every string in a reply's JSON, as Slack shows it (the JSON escapes &lt; and &gt;).</summary>
    private static string Texts(string json) =>
        string.Join("\n", Strings(System.Text.Json.Nodes.JsonNode.Parse(json)));

    private static IEnumerable<string> Strings(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => o.SelectMany(p => Strings(p.Value)),
        System.Text.Json.Nodes.JsonArray a => a.SelectMany(Strings),
        System.Text.Json.Nodes.JsonValue v when v.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
