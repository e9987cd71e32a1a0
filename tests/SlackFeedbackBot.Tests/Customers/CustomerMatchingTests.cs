using SlackFeedbackBot.Tests.Support;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Customers;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Tests.Feedback;

namespace SlackFeedbackBot.Tests.Customers;

/// <summary>Which customer a report is about: the name or alias written (any case), else the reporter's email domain from users.info.</summary>
[TestFixtureSource(typeof(ProviderDatabase), nameof(ProviderDatabase.Providers))]
public sealed class CustomerMatchingTests(StorageProvider provider)
{
    private FeedbackHarness _h = null!;

    [SetUp]
    public async Task SetUp() => _h = await FeedbackHarness.StartAsync(provider);

    [TearDown]
    public void TearDown() => _h.Dispose();

    private CustomerQueries Queries => _h.Get<CustomerQueries>();

    private void Person(string id, string? email) =>
        _h.Api.Users[id] = new SlackUser(id, id.ToLowerInvariant(), null, null, "UTC", 0, false, false, "T1") { Email = email };

    [Test]
    public async Task ByNameOrAlias_InAnyCase()
    {
        _h.Get<CustomerImporter>().Import("name,aliases\nAcme,Acme Corp\nGlobex,\n");

        var byName = await Queries.MatchAsync("  ACME ", "U1", CancellationToken.None);
        var byAlias = await Queries.MatchAsync("acme corp", "U1", CancellationToken.None);
        var unknown = await Queries.MatchAsync("Initech", "U1", CancellationToken.None);

        Assert.That((byName!.Customer.Name, byName.By), Is.EqualTo(("Acme", CustomerMatchedBy.Name)));
        Assert.That(byAlias!.Customer.Name, Is.EqualTo("Acme"));
        Assert.That(unknown, Is.Null);
        Assert.That(_h.Api.UserInfoCalls, Is.Zero, "no customer has a domain: no reason to ask Slack");
    }

    [Test]
    public async Task WithNoNameWritten_TheReportersEmailDomain_OrADomainAboveIt_FindsTheCustomer()
    {
        _h.Get<CustomerImporter>().Import("name,domains\nAcme,acme.com\nGlobex,globex.com\n");
        Person("U1", "Ana.Ortiz@ACME.com");
        Person("U2", "ben@eu.globex.com");

        var ana = await Queries.MatchAsync(null, "U1", CancellationToken.None);
        var ben = await Queries.MatchAsync("", "U2", CancellationToken.None);

        Assert.That((ana!.Customer.Name, ana.By), Is.EqualTo(("Acme", CustomerMatchedBy.EmailDomain)));
        Assert.That(ben!.Customer.Name, Is.EqualTo("Globex"));
    }

    [Test]
    public async Task FreeMailOrNoEmailOrAnotherNameWritten_MatchesNoCustomerByDomain()
    {
        _h.Get<CustomerImporter>().Import("name,domains\nAcme,acme.com\n");
        Person("U1", "someone@gmail.com");
        Person("U2", null);
        Person("U3", "ana@acme.com");

        Assert.That(await Queries.MatchAsync(null, "U1", CancellationToken.None), Is.Null);
        Assert.That(await Queries.MatchAsync(null, "U2", CancellationToken.None), Is.Null);
        Assert.That(await Queries.MatchAsync("Initech", "U3", CancellationToken.None), Is.Null, "the reporter named another customer");
        Assert.That(await Queries.MatchAsync(null, "UNKNOWN", CancellationToken.None), Is.Null, "users.info failing is no match, not a failed capture");
    }

    [Test]
    public void FreeMailDomain_CannotBeImportedForACustomer()
    {
        var result = _h.Get<CustomerImporter>().Import("name,domains\nAcme,acme.com; Hotmail.com\n");

        Assert.That(result.Rows.Single().Outcome, Is.EqualTo(CustomerRowOutcome.Refused));
        Assert.That(_h.Get<CustomerRepository>().All(), Is.Empty);
    }
}
