using SlackFeedbackBot.Tests.Support;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Customers;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Tests.Feedback;

namespace SlackFeedbackBot.Tests.Customers;

/// <summary>Thresholds count distinct customers weighted by value and importance, and the capture reply says where an issue stands and why.</summary>
[TestFixtureSource(typeof(ProviderDatabase), nameof(ProviderDatabase.Providers))]
public sealed class WeightedThresholdTests(StorageProvider provider)
{
    private FeedbackHarness _h = null!;

    [SetUp]
    public async Task SetUp()
    {
        _h = await HarnessAsync();
        _h.Get<CustomerImporter>().Import("name,tier,annual_revenue\nAcme,enterprise,\nGlobex,starter,30000\n");
    }

    [TearDown]
    public void TearDown() => _h.Dispose();

    private Task<FeedbackHarness> HarnessAsync(string? explanation = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Feedback:Thresholds:ReportCount"] = "5",
            ["Feedback:Thresholds:WithinDays"] = "30",
            ["Feedback:Thresholds:AlertChannel"] = "CALERTS",
            ["Customers:TierWeights:0:Tier"] = "Enterprise",
            ["Customers:TierWeights:0:Weight"] = "3",
            ["Customers:RevenueBands:0:AtLeast"] = "25000",
            ["Customers:RevenueBands:0:Weight"] = "1.5",
        };
        if (explanation is not null)
        {
            settings["Feedback:Thresholds:Explanation"] = explanation;
        }

        return FeedbackHarness.StartAsync(provider, settings);
    }

    private List<string> ThresholdAlerts() => _h.Api.Posts.Where(p => p.Channel == "CALERTS").Select(p => p.Message.Text ?? "").Where(t => t.Contains("heard from")).ToList();

    [Test]
    public async Task WeightedCustomersCrossingTheThreshold_AlertOnce_NamingTheCustomers()
    {
        var item = (await _h.CaptureAsync("Can I pay by invoice?", reporter: "U1", customer: "acme")).Item!;
        await _h.Service.AddSameAsync(item.Id, "U2", "Globex asks for invoices too", "Globex", CancellationToken.None);
        await _h.DrainOutboxAsync();
        Assert.That(ThresholdAlerts(), Is.Empty, "Acme 3 + Globex 1.5 = 4.5 of 5");

        await _h.Service.AddSameAsync(item.Id, "U3", "Invoices please", "Initech", CancellationToken.None);
        await _h.Service.AddSameAsync(item.Id, "U4", "Invoices, again", "Hooli", CancellationToken.None);
        await _h.Service.AddSameAsync(item.Id, "U1", "Acme asked again on a call", "Acme", CancellationToken.None);
        await _h.DrainOutboxAsync();

        var alert = ThresholdAlerts().Single();
        Assert.That(alert, Does.Contain($"#{item.Id} has been heard from 3 customers (Acme ×3, Globex ×1.5, Initech)").And.Contain("weighing 5.5 against the threshold of 5"));
    }

    [Test]
    public async Task ManyReportsFromOneCustomer_CountItOnce()
    {
        var item = (await _h.CaptureAsync("Can I pay by invoice?", reporter: "U1", customer: "Initech")).Item!;
        foreach (var reporter in new[] { "U2", "U3", "U4", "U5", "U6" })
        {
            await _h.Service.AddSameAsync(item.Id, reporter, $"Initech asked me too ({reporter})", "INITECH", CancellationToken.None);
        }

        var standing = await _h.Service.StandingAsync(item, CancellationToken.None);
        await _h.DrainOutboxAsync();

        Assert.That((standing.Customers, standing.Weight), Is.EqualTo((1, 1.0)));
        Assert.That(ThresholdAlerts(), Is.Empty);
    }

    [Test]
    public async Task SameReporterWithTheSameWords_CountsOnce()
    {
        var tally = await _h.Get<CustomerQueries>().TallyAsync(
        [
            new CustomerVoice("U1", null, "Can I pay by invoice?", null, null),
            new CustomerVoice("U1", null, "  can I pay by   INVOICE? ", null, "high"),
            new CustomerVoice(null, "Ana Ortiz", "Where is the invoice?", null, null),
            new CustomerVoice(null, "ana ortiz", "Where is the invoice?", null, null),
        ], CancellationToken.None);

        Assert.That(tally.Customers.Select(c => (c.Name, c.Weight)), Is.EqualTo(new[] { ("a customer not named", 1.0), ("Ana Ortiz's customer", 1.0) }),
            "the repeat (and the importance it brought) is not counted again");
    }

    [Test]
    public async Task HighImportance_WeighsIn()
    {
        var outcome = await _h.Service.CaptureAsync(new FeedbackCapture { Text = "Can I pay by invoice?", ReporterId = "U1", Customer = "Acme", Importance = "high", CapturePath = CapturePaths.Command }, CancellationToken.None);
        await _h.DrainOutboxAsync();

        Assert.That(outcome.Standing!.Weight, Is.EqualTo(6), "enterprise 3 × high 2");
        Assert.That(ThresholdAlerts().Single(), Does.Contain("Acme ×6"));
    }

    [Test]
    public async Task CaptureReply_SaysWhereTheIssueStands_AndWhyTheThresholdExists()
    {
        var plain = await _h.CommandAsync("customer:Initech How do I export to Excel?");
        var weighted = await _h.CommandAsync("customer:Acme Can I pay by invoice?");

        Assert.That(plain!.Json, Does.Contain("1 of 5 customers: the product team reviews an issue when 5 customers in 30 days report it"));
        Assert.That(weighted!.Json, Does.Contain("3 of 5 customers (1 heard, weighted by value and importance): the product team reviews"));
    }

    [Test]
    public async Task SameReply_SaysWhereTheIssueStandsNow()
    {
        var item = (await _h.CaptureAsync("Can I pay by invoice?", customer: "Acme")).Item!;

        var reply = await _h.CommandAsync($"same {item.Id} Globex wants invoices too customer:Globex", user: "U2");

        Assert.That(reply!.Text, Does.Contain("it has 2 reports now").And.Contain("4.5 of 5 customers (2 heard, weighted by value and importance): the product team reviews"));
    }

    [Test]
    public async Task CaptureReply_UsesTheExplanationSetting()
    {
        using var h = await HarnessAsync("we look at anything {threshold} customers ask for within {days} days");

        var reply = await h.CommandAsync("How do I export to Excel?");

        Assert.That(reply!.Json, Does.Contain("1 of 5 customers: we look at anything 5 customers ask for within 30 days"));
    }

    private static CustomerTally Tally(params (string Name, double Weight, bool Named)[] customers) =>
        new(customers.Select(c => new WeighedCustomer(c.Name, c.Weight, null) { Named = c.Named }).ToList());

    [Test]
    public void AlertWording_NamesTheNamedCustomers_AndCountsTheUnnamedOnce()
    {
        Assert.That(FeedbackAlerts.Heard(Tally(("Acme", 3, true), ("Globex", 1.5, true), ("Initech", 1, true))), Is.EqualTo("3 customers (Acme ×3, Globex ×1.5, Initech)"), "none unnamed");
        Assert.That(FeedbackAlerts.Heard(Tally(("Acme", 3, true), ("ana's customer", 1, false))), Is.EqualTo("2 customers (Acme ×3, 1 not named)"), "one unnamed");
        Assert.That(FeedbackAlerts.Heard(Tally(("Acme", 3, true), ("a customer not named", 2, false), ("ben's customer", 1, false), ("a customer not named", 1, false))),
            Is.EqualTo("4 customers (Acme ×3, 3 not named)"), "several unnamed");
        Assert.That(FeedbackAlerts.Heard(Tally(("ana's customer", 1, false))), Is.EqualTo("1 customer, not named"));
        Assert.That(FeedbackAlerts.Heard(Tally(("ana's customer", 1, false), ("a customer not named", 1, false))), Is.EqualTo("2 customers, none of them named"));
        Assert.That(FeedbackAlerts.Heard(Tally([.. Enumerable.Range(1, 7).Select(i => ($"C{i}", 1.0, true)), ("x", 1, false)])), Is.EqualTo("8 customers (C1, C2, C3, C4, C5, 2 more named, 1 not named)"));
        Assert.That(FeedbackAlerts.Heard(Tally([.. Enumerable.Range(1, 7).Select(i => ($"C{i}", 1.0, true))])), Is.EqualTo("7 customers (C1, C2, C3, C4, C5 and 2 more)"));
    }

    [Test]
    public async Task Alert_FromReportsThatNameNoCustomer_SaysHowManyWereNotNamed_Once()
    {
        var item = (await _h.CaptureAsync("Can I pay by invoice?", reporter: "U1", customer: "Acme")).Item!;
        foreach (var reporter in new[] { "U2", "U3" })
        {
            await _h.Service.AddSameAsync(item.Id, reporter, $"Invoices please, says {reporter}", null, CancellationToken.None);
        }

        await _h.DrainOutboxAsync();

        var alert = ThresholdAlerts().Single();
        Assert.That(alert, Does.Contain($"#{item.Id} has been heard from 3 customers (Acme ×3, 2 not named)"), "Acme 3 + 1 + 1 reaches 5");
        Assert.That(alert, Does.Not.Contain("a customer not named"));
    }

    [Test]
    public async Task Alert_NamedCustomersAreDefused()
    {
        var item = (await _h.CaptureAsync("Can I pay by invoice?", reporter: "U1", customer: "<!channel> Corp")).Item!;
        foreach (var reporter in new[] { "U2", "U3", "U4", "U5" })
        {
            await _h.Service.AddSameAsync(item.Id, reporter, $"Invoices please, says {reporter}", null, CancellationToken.None);
        }

        await _h.DrainOutboxAsync();

        Assert.That(ThresholdAlerts().Single(), Does.Contain("5 customers (").And.Contain("4 not named)").And.Not.Contain("<!channel>"));
    }
}
