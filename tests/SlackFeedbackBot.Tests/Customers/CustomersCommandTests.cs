using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Customers;

/// <summary>`customers import` and `customers list` through the built executable.</summary>
public sealed class CustomersCommandTests
{
    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private string Db => _dir.File("bot.db");

    [Test]
    public async Task Import_ReportsAddedUpdatedAndRefusedRowsByLine_ThenListShowsThem()
    {
        var first = _dir.File("first.csv");
        await File.WriteAllTextAsync(first, "name,domains,tier,annual_revenue,segment\nAcme,acme.com,enterprise,250000,manufacturing\n");
        var second = _dir.File("second.csv");
        await File.WriteAllTextAsync(second, "name,domains,tier,annual_revenue,segment\nacme,acme.com,enterprise,300000,manufacturing\nGlobex,globex.com,starter,12k,retail\nHooli,gmail.com,,,\n");

        var (firstCode, _) = await BotProcess.RunToExitAsync(_dir.Path, "customers", "import", first, "--db", Db);
        var (code, output) = await BotProcess.RunToExitAsync(_dir.Path, "customers", "import", second, "--db", Db);
        var (listCode, list) = await BotProcess.RunToExitAsync(_dir.Path, "customers", "list", "--db", Db);

        Assert.That(firstCode, Is.EqualTo(0));
        Assert.That(code, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("line 2: updated acme").And.Contain("line 3: added Globex").And.Contain("line 4: refused Hooli: gmail.com is a free-mail domain"));
        Assert.That(output, Does.Contain("1 added, 1 updated, 0 unchanged, 1 refused."));
        Assert.That(listCode, Is.EqualTo(0), list);
        Assert.That(list, Does.Contain("acme · tier enterprise · $300k/year · segment manufacturing · acme.com").And.Contain("Globex · tier starter · $12k/year"));
        Assert.That(list, Does.Contain("2 customer(s)."));
    }

    [TestCase("name;tier\n", "a header but no rows")]
    [TestCase("company,domains\nAcme,acme.com\n", "no `name` column")]
    public async Task Import_OfABadFile_SaysWhyInOneLine_AndExits2(string text, string problem)
    {
        var file = _dir.File("bad.csv");
        await File.WriteAllTextAsync(file, text);

        var (code, output) = await BotProcess.RunToExitAsync(_dir.Path, "customers", "import", file, "--db", Db);

        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output.Trim().Split('\n'), Has.Length.EqualTo(1), output);
        Assert.That(output, Does.StartWith("Nothing imported from bad.csv:").And.Contain(problem));
    }

    [Test]
    public async Task Import_OfAMissingFile_SaysSoInOneLine_AndExits2()
    {
        var (code, output) = await BotProcess.RunToExitAsync(_dir.Path, "customers", "import", _dir.File("nowhere.csv"), "--db", Db);

        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("there is no file").And.Not.Contain("   at "));
    }
}
