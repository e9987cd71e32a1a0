using SlackFeedbackBot.Slack.Directory;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Tests.Feedback;

public sealed class FeedbackImportExportTests
{
    private FeedbackHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new FeedbackHarness();

    [TearDown]
    public void TearDown() => _h.Dispose();

    private ImportResult Import(string csv) => _h.Get<FeedbackImporter>().Import(new StringReader(csv));

    [Test]
    public void Import_ValidFile_ClassifiesRowsWithoutBucketAndKeepsTheRest()
    {
        var result = Import("""
            Text,Created_At,CUSTOMER,reporter,source,bucket
            How do I connect Trello?,2025-03-14,Acme,Dana,support,
            "Can you integrate with Jira, please?",2025-03-15T09:30:00Z,"Big Co",Eli,sales,
            Our invoices look wrong,2025-03-16,,,,positioning
            """);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Added, Is.EqualTo(3));
        var items = _h.Service.List(null, null, 10).OrderBy(i => i.Id).ToList();
        Assert.That(items.Select(i => i.Bucket), Is.EqualTo(new[] { SpotlightBuckets.UserExperience, SpotlightBuckets.ProductMarketing, SpotlightBuckets.Positioning }));
        Assert.That(items[1].Text, Is.EqualTo("Can you integrate with Jira, please?"));
        Assert.That(items[1].Customer, Is.EqualTo("Big Co"));
        Assert.That(items[1].CreatedAt, Is.EqualTo(new DateTimeOffset(2025, 3, 15, 9, 30, 0, TimeSpan.Zero)));
        Assert.That(items[0].ReporterName, Is.EqualTo("Dana"));
        Assert.That(items[0].CapturePath, Is.EqualTo(CapturePaths.Import));
    }

    [Test]
    public void Import_SameFileTwice_AddsNothingTheSecondTime()
    {
        const string csv = "text,customer\nHow do I connect Trello?,Acme\nCan I pay by invoice?,Initech\n";

        var first = Import(csv);
        var second = Import(csv.Replace("Acme", "  ACME ", StringComparison.Ordinal));

        Assert.That(first.Added, Is.EqualTo(2));
        Assert.That(second.Added, Is.Zero);
        Assert.That(second.AlreadyThere, Is.EqualTo(2));
        Assert.That(_h.Repository.Count(), Is.EqualTo(2));
    }

    [Test]
    public void Import_InvalidRows_ImportsNothingAndNamesTheLines()
    {
        var result = Import("""
            text,created_at,source,bucket
            How do I connect Trello?,2025-03-14,support,
            ,2025-03-14,support,
            Can I pay by invoice?,next tuesday,support,
            Fine row,2025-03-14,carrier pigeon,
            Another,2025-03-14,,pricing
            """);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Added, Is.Zero);
        Assert.That(_h.Repository.Count(), Is.Zero);
        Assert.That(result.Problems.Select(p => p.Line), Is.EqualTo(new long[] { 3, 4, 5, 6 }));
        Assert.That(result.Problems[0].Message, Does.Contain("`text` is empty"));
        Assert.That(result.Problems[1].Message, Does.Contain("next tuesday"));
        Assert.That(result.Problems[2].Message, Does.Contain("carrier pigeon"));
        Assert.That(result.Problems[3].Message, Does.Contain("pricing").And.Contains("user_experience"));
    }

    [Test]
    public void Import_MalformedQuoting_ImportsNothingAndNamesTheLine()
    {
        var result = Import("text,customer\nHow do I connect Trello?,Acme\nHe said \"hi\" there,Acme\n\"Never closed,Acme\n");

        Assert.That(result.Succeeded, Is.False);
        Assert.That(_h.Repository.Count(), Is.Zero);
        Assert.That(result.Problems.Select(p => p.Line), Does.Contain(3L));
        Assert.That(result.ToString(), Does.Not.Contain("Exception"));
    }

    [Test]
    public void Import_NoTextColumnOrEmptyFile_IsExplained()
    {
        Assert.That(Import("customer,source\nAcme,sales\n").Problems.Single().Message, Does.Contain("no `text` column").And.Contains("`customer`"));
        Assert.That(Import("").Problems.Single().Message, Does.Contain("empty"));
        Assert.That(Import("text\n").Problems.Single().Message, Does.Contain("no rows"));
    }

    [Test]
    public void Import_SemicolonSeparatedFile_IsRead()
    {
        var result = Import("text;customer\nHow do I connect Trello?;Acme\n");

        Assert.That(result.Added, Is.EqualTo(1));
        Assert.That(_h.Service.List(null, null, 1).Single().Customer, Is.EqualTo("Acme"));
    }

    [Test]
    public async Task Export_ThenImportIntoAnotherDatabase_RoundTripsTheFields()
    {
        await _h.CaptureAsync("How do I connect Trello?", customer: "Acme, Inc.");
        await _h.CaptureAsync("=HYPERLINK(\"http://evil\") can I click this?", customer: "Line\nBreak Co");
        await _h.CaptureAsync("He said \"it's broken\"\nand left", customer: "Quote \"Q\" Ltd");
        var csv = new StringWriter();

        var written = await _h.Get<FeedbackExporter>().ExportAsync(csv);

        Assert.That(written, Is.EqualTo(3));
        Assert.That(csv.ToString(), Does.Contain("'=HYPERLINK"), "formulas are defused for spreadsheets");
        using var other = new FeedbackHarness();
        var result = other.Get<FeedbackImporter>().Import(new StringReader(csv.ToString()));
        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Added, Is.EqualTo(3));
        var original = _h.Service.List(null, null, 10).OrderBy(i => i.Id).Select(i => (i.Text, i.Customer, i.Bucket, i.CreatedAtMs)).ToList();
        var copy = other.Service.List(null, null, 10).OrderBy(i => i.Id).Select(i => (i.Text, i.Customer, i.Bucket, i.CreatedAtMs)).ToList();
        Assert.That(copy, Is.EqualTo(original));
    }

    [Test]
    public async Task Export_ThenImportIntoTheSameDatabase_AddsNothing_AndIntoAnEmptyOneAddsEachItemOnce()
    {
        for (var i = 0; i < 20; i++)
        {
            _h.Time.Advance(TimeSpan.FromMilliseconds(1234));
            await _h.CaptureAsync($"Captured in Slack number {i}", customer: i % 2 == 0 ? "Acme" : null);
        }

        Assert.That(Import("text,created_at,customer\nOld one,2025-03-14,Acme\nOld two,2025-03-15T09:30:00Z,\nOld three,2025-03-16,\nOld four,2025-03-17,\nOld five,2025-03-18,Initech\n").Added, Is.EqualTo(5));
        var export = new StringWriter();
        Assert.That(await _h.Get<FeedbackExporter>().ExportAsync(export), Is.EqualTo(25));

        var again = Import(export.ToString());

        Assert.That(again.Problems, Is.Empty);
        Assert.That(again.Added, Is.Zero);
        Assert.That(again.AlreadyThere, Is.EqualTo(25));
        Assert.That(_h.Repository.Count(), Is.EqualTo(25));

        using var empty = new FeedbackHarness();
        var first = empty.Get<FeedbackImporter>().Import(new StringReader(export.ToString()));
        var second = empty.Get<FeedbackImporter>().Import(new StringReader(export.ToString()));
        Assert.That(first.Added, Is.EqualTo(25));
        Assert.That(second.Added, Is.Zero);
        Assert.That(empty.Repository.Count(), Is.EqualTo(25));
    }

    [Test]
    public async Task Import_AnotherSystemsIdColumn_DoesNotHideNewRows()
    {
        await _h.CaptureAsync("Already here");

        var result = Import("id,text,created_at\n1,Something else entirely,2025-03-14\nZD-7,And another,2025-03-15\n");

        Assert.That(result.Added, Is.EqualTo(2), "id 1 exists, but with another created_at it is another item");
    }

    [Test]
    public async Task Export_Header_NamesEveryField()
    {
        var csv = new StringWriter();

        await _h.Get<FeedbackExporter>().ExportAsync(csv);

        Assert.That(csv.ToString().TrimEnd(), Is.EqualTo(
            "id,created_at,text,customer,source,importance,why,bucket,rule,status,reporter,reporter_id,reports,capture_path,channel_id,message_ts,permalink,link,author_id,shift_key,updated_at,resolved_at,resolved_by,resolution"));
    }

    [Test]
    public async Task Export_NamesEachReporter_KeepsTheIdInItsOwnColumn_AndAnImportOfItKnowsThePersonAgain()
    {
        await _h.CaptureAsync("Export to Excel please", reporter: "U0ANA00001");
        await _h.CaptureAsync("Nobody by that id", reporter: "U0GONE0009");
        Import("text,created_at,reporter\nOld words,2025-03-14,dieter\n");
        var csv = new StringWriter();

        await _h.Get<FeedbackExporter>().ExportAsync(csv, new KnownPersonNames(new Dictionary<string, string> { ["U0ANA00001"] = "Ana Ortiz" }));

        var written = csv.ToString();
        Assert.That(written, Does.Contain(",Ana Ortiz,U0ANA00001,"), "a Slack user by name, the id beside it");
        Assert.That(written, Does.Contain(",U0GONE0009,U0GONE0009,"), "the id where no name is known");
        Assert.That(written, Does.Contain(",dieter,,"), "an imported name as it came, with no id");
        using var other = new FeedbackHarness();
        Assert.That(other.Get<FeedbackImporter>().Import(new StringReader(csv.ToString())).Problems, Is.Empty);
        var ana = other.Service.List(null, null, 10).Single(i => i.Text == "Export to Excel please");
        Assert.That((ana.ReporterId, ana.ReporterName), Is.EqualTo(("U0ANA00001", (string?)null)), "the id column is the person, not the name beside it");
    }
}
