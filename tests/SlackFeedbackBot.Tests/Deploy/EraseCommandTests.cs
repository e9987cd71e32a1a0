using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SlackFeedbackBot.Cli;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Hosting;
using SlackFeedbackBot.Privacy;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Deploy;

/// <summary>
/// `erase`, for a data-deletion request: the person's (or customer's) reports and words go through each feature's own
/// eraser, items nobody else reported go with them, and what stays counts only what is left.
/// </summary>
public sealed class EraseCommandTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task EraseUser_RemovesTheirReportsAndWords_AndKeepsOtherPeoplesReports()
    {
        using var dir = new TempDirectory();
        await using var app = Build(dir);
        var repository = app.Services.GetRequiredService<FeedbackRepository>();
        var alone = Capture(repository, "alice alone wants dark mode", "U0ALICE", customer: "Acme").Id;
        var shared = Capture(repository, "alice says exports are slow", "U0ALICE", customer: "Acme").Id;
        repository.AddReport(shared, new FeedbackReport { ReporterId = "U0BOB", ReporterName = "bob", Text = "bob hears exports are slow", Customer = "Globex", CreatedAtMs = (Now + TimeSpan.FromMinutes(5)).ToUnixTimeMilliseconds() });
        var written = Capture(repository, "a message alice wrote herself", "U0BOB", author: "U0ALICE", channel: "C0FEEDBACK", ts: "1700000000.000100").Id;
        var others = Capture(repository, "bob only: search is broken", "U0BOB").Id;
        repository.Resolve(others, "U0ALICE", "fixed in 2.1", Now);

        var refusedOutput = new StringWriter();
        var refused = await EraseCommand.RunAsync(app.Services, ErasureSubject.ForUser("U0ALICE"), yes: false, new StringReader("no\n"), refusedOutput, CancellationToken.None);

        Assert.That(refused, Is.EqualTo(1));
        Assert.That(refusedOutput.ToString(), Does.Contain("This removes, for user U0ALICE:")
            .And.Contain("Feedback: 3 feedback reports")
            .And.Contain("Feedback: 2 feedback items with no other reports")
            .And.Contain("Feedback: 1 item other people reported too")
            .And.Contain("Nothing was removed (answer yes, or pass --yes)."));
        Assert.That(repository.Count(), Is.EqualTo(4), "a no changes nothing");

        var output = new StringWriter();
        var code = await EraseCommand.RunAsync(app.Services, ErasureSubject.ForUser("U0ALICE"), yes: false, new StringReader("yes\n"), output, CancellationToken.None);

        Assert.That(code, Is.Zero, output.ToString());
        Assert.That(output.ToString(), Does.Contain("Removed, for user U0ALICE:").And.Contain("Feedback: 3 feedback reports").And.Contain("1 resolve or reclassify record now say \"erased\""));
        Assert.That(repository.Get(alone), Is.Null);
        Assert.That(repository.Get(written), Is.Null, "a message she wrote is her words, whoever captured it");
        var kept = repository.Get(shared)!;
        Assert.That(kept.Text, Is.EqualTo("bob hears exports are slow"));
        Assert.That(kept.ReporterId, Is.EqualTo("U0BOB"));
        Assert.That(kept.Customer, Is.EqualTo("Globex"));
        Assert.That(repository.Reports(shared).Select(r => r.ReporterId), Is.EqualTo(new[] { "U0BOB" }));
        Assert.That(repository.AllWithReportCounts().Select(x => (x.Item.Id, x.Reports)), Is.EquivalentTo(new[] { (shared, 1), (others, 1) }));
        Assert.That(repository.Get(others)!.ResolvedBy, Is.EqualTo(FeedbackErasure.ErasedPerson));
        Assert.That(repository.Search("alice", 10), Is.Empty, "the search index forgot her words too");
        using var connection = app.Services.GetRequiredService<Database>().Open();
        Assert.That(connection.ExecuteScalar<long>("SELECT COUNT(*) FROM feedback_reports WHERE reporter_id = 'U0ALICE' OR text LIKE '%alice%'"), Is.Zero);
    }

    [Test]
    public async Task EraseCustomer_InAnyCase_RemovesTheirFeedback_AndItemsLeftWithoutReports()
    {
        using var dir = new TempDirectory();
        await using var app = Build(dir);
        var repository = app.Services.GetRequiredService<FeedbackRepository>();
        var only = Capture(repository, "acme wants SSO", "U0ALICE", customer: "Acme").Id;
        var shared = Capture(repository, "acme finds billing confusing", "U0ALICE", customer: "Acme").Id;
        repository.AddReport(shared, new FeedbackReport { ReporterId = "U0BOB", Text = "globex finds billing confusing", Customer = "Globex", CreatedAtMs = (Now + TimeSpan.FromMinutes(1)).ToUnixTimeMilliseconds() });
        var other = Capture(repository, "initech wants an API", "U0BOB", customer: "Initech").Id;

        var output = new StringWriter();
        var code = await EraseCommand.RunAsync(app.Services, ErasureSubject.ForCustomer("ACME"), yes: true, new StringReader(""), output, CancellationToken.None);

        Assert.That(code, Is.Zero, output.ToString());
        Assert.That(output.ToString(), Does.Contain("Removed, for customer \"ACME\":").And.Contain("Feedback: 2 feedback reports").And.Contain("Feedback: 1 feedback item with no other reports"));
        Assert.That(repository.Get(only), Is.Null);
        Assert.That(repository.Get(shared)!.Customer, Is.EqualTo("Globex"));
        Assert.That(repository.Get(shared)!.Text, Is.EqualTo("globex finds billing confusing"));
        Assert.That(repository.Get(other), Is.Not.Null);
        Assert.That(repository.Search("acme", 10), Is.Empty);
    }

    [Test]
    public async Task Erase_FromTheCommandLine_WithYes_AndWithNeitherOption()
    {
        using var dir = new TempDirectory();
        var databasePath = dir.File("bot.db");
        await using (var app = Build(dir))
        {
            Capture(app.Services.GetRequiredService<FeedbackRepository>(), "alice's only feedback", "U0ALICE");
        }

        var (code, output) = await BotInProcess.RunToExitAsync("erase", "--user", "U0ALICE", "--yes", "--db", databasePath);
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("Removed, for user U0ALICE:").And.Contain("  Feedback: 1 feedback report" + Environment.NewLine));

        var (neither, neitherOutput) = await BotInProcess.RunToExitAsync("erase", "--db", databasePath);
        Assert.That(neither, Is.EqualTo(1), neitherOutput);
        Assert.That(neitherOutput.Trim(), Is.EqualTo("Give either --user U0123ABCD or --customer NAME (one of them)."));

        var (notAnId, notAnIdOutput) = await BotInProcess.RunToExitAsync("erase", "--user", "alice", "--db", databasePath);
        Assert.That(notAnId, Is.EqualTo(1), notAnIdOutput);
        Assert.That(notAnIdOutput, Does.Contain("\"alice\" is not a Slack user id"));
    }

    private static WebApplication Build(TempDirectory dir) =>
        BotHost.CreateBuilder([$"--Storage:DatabasePath={dir.File("bot.db")}", "--Logging:LogLevel:Default=Warning"]).Build();

    private static FeedbackItem Capture(FeedbackRepository repository, string text, string reporter, string? customer = null, string? author = null, string? channel = null, string? ts = null) =>
        repository.Capture(
            new FeedbackCapture { Text = text, ReporterId = reporter, ReporterName = reporter.ToLowerInvariant(), Customer = customer, AuthorId = author, ChannelId = channel, MessageTs = ts, CreatedAt = Now },
            "user_experience",
            null,
            null,
            Now).Item;
}
