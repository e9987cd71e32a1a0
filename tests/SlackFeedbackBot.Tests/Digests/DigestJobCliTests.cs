using System.Text.Json.Nodes;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Digests;

/// <summary>The built executable's <c>digest</c> command on a seeded database: text, the exact chat.postMessage JSON, bad dates.</summary>
public sealed class DigestJobCliTests
{
    private TempDirectory _dir = null!;
    private string _db = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new TempDirectory();
        _db = _dir.File("bot.db");
        var database = new Database(_db);
        database.Initialize();
        var seed = new DigestJobSeed(database);
        var export = seed.Item("How do I export my reports to Excel?", "user_experience", DigestJobSeed.Week48.AddDays(1), "Acme", "U0ANA00001", area: "billing");
        seed.MeToo(export, "U0BEN00002", "Globex", DigestJobSeed.Week48.AddDays(2));
        seed.Item("Can you integrate with Trello?", "product_marketing", DigestJobSeed.Week48.AddDays(3));
        seed.Item("The dashboard is empty", "unclassified", DigestJobSeed.Week48.AddDays(4));
        seed.Item("How do I invite my team?", "user_experience", DigestJobSeed.Week48.AddDays(-3));
    }

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        return await BotExecutable.RunAsync(_dir.Path, new Dictionary<string, string?> { ["ProductAreas__Areas__0__Id"] = "billing" }, TimeSpan.FromMinutes(2), args);
    }

    [Test]
    public async Task Digest_Text_PrintsTheWeek()
    {
        var (code, output, error) = await RunAsync("digest", "--from", "2026-11-23", "--to", "2026-11-29", "--text", "--db", _db);

        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(output, Does.StartWith("Feedback digest 2026-W48" + Environment.NewLine + "Mon 23 – Sun 29 Nov 2026"));
        Assert.That(output, Does.Contain("Reports by bucket (change since the previous week)"));
        Assert.That(output, Does.Contain("User experience: 2 (+1)").And.Contain("Product marketing: 1 (new)").And.Contain("Waiting for triage: 1 unclassified item"));
        Assert.That(output, Does.Contain("\"How do I export my reports to Excel?\""));
    }

    [Test]
    public async Task Digest_Json_IsTheExactPostMessageBody_AndAreaFilters()
    {
        var (code, output, error) = await RunAsync("digest", "--from", "2026-11-23", "--to", "2026-11-29", "--json", "--area", "Billing", "--db", _db);

        Assert.That(code, Is.EqualTo(0), error);
        var body = JsonNode.Parse(output)!.AsObject();
        Assert.That(body.Select(p => p.Key), Is.EquivalentTo(new[] { "text", "blocks" }));
        Assert.That(body["text"]!.ToString(), Does.StartWith("Feedback digest 2026-W48: billing: 2 reports"));
        Assert.That(body["blocks"]!.AsArray()[0]!["text"]!["text"]!.ToString(), Is.EqualTo("Feedback digest 2026-W48: billing"));
        Assert.That(output, Does.Not.Contain("Trello"), "other areas are left out");
    }

    [TestCase("2026-11-23", "2026-11-29", "Mon 23 – Sun 29 Nov 2026", "the previous week")]
    [TestCase("2026-11-24", "2026-11-30", "Tue 24 – Mon 30 Nov 2026", "the previous week")]
    [TestCase("2026-11-20", "2026-11-29", "Fri 20 – Sun 29 Nov 2026", "the previous 10 days")]
    [TestCase("2026-11-01", "2026-11-30", "Sun 1 – Mon 30 Nov 2026", "the previous month")]
    [TestCase("2026-11-29", "2026-11-29", "Sun 29 Nov 2026", "the day before")]
    public async Task Digest_ToIsIncluded_AndTheChangeIsNamedByThePeriodsRealLength(string from, string to, string dates, string comparison)
    {
        var (code, output, error) = await RunAsync("digest", "--from", from, "--to", to, "--text", "--db", _db);

        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(output.Split(Environment.NewLine)[1], Is.EqualTo(dates), "--to is the last day shown");
        Assert.That(output, Does.Contain($"(change since {comparison})"));
    }

    [Test]
    public async Task Digest_TheReadmesWeekExample_IsOneWeek()
    {
        var example = ReadmeExamples.Cli().Single(line => line.StartsWith("digest ", StringComparison.Ordinal));
        var args = example.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append("--db").Append(_db).ToArray();

        var (code, output, error) = await RunAsync(args);

        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("(change since the previous week)"), example);
    }

    [TestCase("2026-11-31", "2026-12-06", "--from '2026-11-31' is not a date: expected yyyy-MM-dd, e.g. --from 2026-11-23.")]
    [TestCase("2026-11-23", "29/11/2026", "--to '29/11/2026' is not a date: expected yyyy-MM-dd, e.g. --to 2026-11-23.")]
    [TestCase("2026-11-29", "2026-11-23", "--to (2026-11-23) is before --from (2026-11-29).")]
    public async Task Digest_BadDates_ExplainTheFormat_AndExitWith2(string from, string to, string expected)
    {
        var (code, output, error) = await RunAsync("digest", "--from", from, "--to", to, "--db", _db);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error.Trim(), Does.StartWith(expected));
        Assert.That(error, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(output, Is.Empty);
    }
}
