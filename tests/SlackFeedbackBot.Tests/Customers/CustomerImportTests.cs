using Microsoft.Extensions.DependencyInjection;
using SlackFeedbackBot.Customers;
using SlackFeedbackBot.Privacy;
using SlackFeedbackBot.Tests.Feedback;

namespace SlackFeedbackBot.Tests.Customers;

/// <summary>`customers import` as the importer does it: rows added or updated by name, bad rows refused by line, bad files refused whole.</summary>
public sealed class CustomerImportTests
{
    private const string Good = """
        name,domains,tier,annual_revenue,segment
        Acme,acme.com;acme.io,enterprise,"$250,000",manufacturing
        Globex,globex.com,business,40k,retail
        Initech,,starter,,
        """;

    private FeedbackHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new FeedbackHarness();

    [TearDown]
    public void TearDown() => _h.Dispose();

    private CustomerImporter Importer => _h.Get<CustomerImporter>();

    private CustomerRepository Repository => _h.Get<CustomerRepository>();

    [Test]
    public void GoodFile_AddsEveryCustomer_WithDomainsTierRevenueAndSegment()
    {
        var result = Importer.Import(Good);

        Assert.That(result.FileProblem, Is.Null);
        Assert.That(result.Rows.Select(r => (r.Line, r.Name, r.Outcome)), Is.EqualTo(new[]
        {
            (2, "Acme", CustomerRowOutcome.Added), (3, "Globex", CustomerRowOutcome.Added), (4, "Initech", CustomerRowOutcome.Added),
        }));
        var acme = Repository.FindByName("acme")!;
        Assert.That((acme.Tier, acme.AnnualRevenue, acme.Segment), Is.EqualTo(("enterprise", 250_000L, "manufacturing")));
        Assert.That(acme.Domains, Is.EqualTo(new[] { "acme.com", "acme.io" }));
        Assert.That(Repository.FindByName("Globex")!.AnnualRevenue, Is.EqualTo(40_000));
        Assert.That(Repository.FindByName("Initech")!.AnnualRevenue, Is.Null);
    }

    [Test]
    public void SameFileAgain_ChangesNothing_AndAnEditedRowUpdatesItsCustomerByName()
    {
        Importer.Import(Good);

        var again = Importer.Import(Good);
        var edited = Importer.Import("NAME,Tier,Annual_Revenue,Domains\nACME,enterprise,300000,acme.com\n");

        Assert.That(again.Rows.Select(r => r.Outcome), Is.All.EqualTo(CustomerRowOutcome.Unchanged));
        Assert.That(edited.Rows.Single().Outcome, Is.EqualTo(CustomerRowOutcome.Updated));
        Assert.That(Repository.All(), Has.Count.EqualTo(3), "updated by name, not added");
        var acme = Repository.FindByName("Acme")!;
        Assert.That((acme.Name, acme.AnnualRevenue, acme.Segment), Is.EqualTo(("ACME", 300_000L, "manufacturing")), "a column the file lacks keeps its value");
        Assert.That(acme.Domains, Is.EqualTo(new[] { "acme.com" }));
    }

    [Test]
    public void BadRows_AreRefusedWithTheirLines_AndTheOthersImported()
    {
        Importer.Import("name,domains\nUmbrella,umbrella.com\n");

        var result = Importer.Import("""
            name,domains,tier,annual_revenue,segment
            Acme,acme.com,enterprise,lots,
            Hooli,gmail.com,,,
            ,hooli.com,,,
            Stark,umbrella.com,,,
            Wayne,wayne.com,,1m,
            Wayne,wayne.org,,,
            Soylent,soylent.com,,,
            Tyrell,soylent.com,,,
            Vandelay,not a domain!,,,
            """);

        Assert.That(result.FileProblem, Is.Null);
        var refused = result.Rows.Where(r => r.Outcome == CustomerRowOutcome.Refused).ToDictionary(r => r.Line, r => r.Problem);
        Assert.That(refused.Keys, Is.EqualTo(new[] { 2, 3, 4, 5, 7, 9, 10 }));
        Assert.That(refused[2], Does.Contain("\"lots\" is not an amount"));
        Assert.That(refused[3], Does.Contain("gmail.com is a free-mail domain"));
        Assert.That(refused[4], Does.Contain("`name` is empty"));
        Assert.That(refused[5], Does.Contain("umbrella.com belongs to Umbrella"));
        Assert.That(refused[7], Does.Contain("line 6 names Wayne already"));
        Assert.That(refused[9], Does.Contain("soylent.com is Soylent's"));
        Assert.That(refused[10], Does.Contain("is not an email domain"));
        Assert.That(Repository.All().Select(c => c.Name), Is.EqualTo(new[] { "Soylent", "Umbrella", "Wayne" }));
        Assert.That(Repository.FindByName("wayne")!.AnnualRevenue, Is.EqualTo(1_000_000));
    }

    [TestCase("", "the file is empty")]
    [TestCase("customer,domains\nAcme,acme.com\n", "no `name` column")]
    [TestCase("name,revenue\nAcme,100\n", "a column I do not know: `revenue`")]
    [TestCase("name,domains,tier,annual_revenue,segment\n", "a header but no rows")]
    public void BadFile_IsRefusedWhole_InOneSentence(string text, string problem)
    {
        var result = Importer.Import(text);

        Assert.That(result.FileProblem, Does.Contain(problem));
        Assert.That(result.FileProblem, Does.Not.Contain("\n"));
        Assert.That(Repository.All(), Is.Empty);
    }

    [Test]
    public void Aliases_NameTheSameCustomer_AndCannotBeAnotherCustomersName()
    {
        Importer.Import("name,aliases\nAcme,Acme Corp; ACME Inc.\nGlobex,\n");

        var clash = Importer.Import("name,aliases\nInitech,globex\n");

        Assert.That(Repository.FindByName("acme   corp")!.Name, Is.EqualTo("Acme"));
        Assert.That(Repository.FindByName("acme inc.")!.Name, Is.EqualTo("Acme"));
        Assert.That(clash.Rows.Single().Problem, Does.Contain("already names Globex"));
    }

    [Test]
    public async Task EraseCustomer_ByAlias_RemovesTheRecordWithItsDomains_OnlyWhenApplied()
    {
        Importer.Import("name,aliases,domains\nAcme,Acme Corp,acme.com\nGlobex,,globex.com\n");
        var eraser = _h.Services.GetServices<IPersonalDataEraser>().OfType<CustomerErasure>().Single();

        var plan = await eraser.EraseAsync(ErasureSubject.ForCustomer("ACME CORP"), apply: false, CancellationToken.None);
        Assert.That((plan.Total, Repository.All().Count), Is.EqualTo((1, 2)));

        var done = await eraser.EraseAsync(ErasureSubject.ForCustomer("ACME CORP"), apply: true, CancellationToken.None);

        Assert.That(done.Lines.Single(), Does.Contain("1 customer record"));
        Assert.That(Repository.All().Select(c => c.Name), Is.EqualTo(new[] { "Globex" }));
        Assert.That(Repository.FindByDomain("acme.com"), Is.Null);
        Assert.That(Repository.FindByName("acme corp"), Is.Null);
    }
}
