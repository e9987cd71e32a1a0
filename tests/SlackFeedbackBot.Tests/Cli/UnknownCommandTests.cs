using SlackFeedbackBot.Cli;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Cli;

/// <summary>A typo on the command line must not start the bot: the executable's entry point names the closest command and exits 2.</summary>
public sealed class UnknownCommandTests
{
    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        return await BotInProcess.RunAsync(new Dictionary<string, string?> { ["Storage__DatabasePath"] = _dir.File("bot.db") }, args);
    }

    [TestCase("clasify", "classify")]
    [TestCase("rotaton", "rotation")]
    [TestCase("Doctor", "doctor")]
    [TestCase("exprot", "export")]
    public async Task Typo_ExitsWithCode2_AndNamesTheClosestCommand(string typo, string meant)
    {
        var (code, _, error) = await RunAsync(typo, "x");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain($"Unknown command '{typo}'").And.Contain($"Did you mean {meant}?"));
        Assert.That(File.Exists(_dir.File("bot.db")), Is.False, "nothing was started on the database");
    }

    [Test]
    public async Task WordFarFromEveryCommand_ExitsWithCode2_WithoutAGuess()
    {
        var (code, _, error) = await RunAsync("frobnicate");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("Unknown command 'frobnicate'").And.Not.Contain("Did you mean"));
    }

    [TestCase("clasify", "classify")]
    [TestCase("shwo", "show")]
    [TestCase("migarte", "migrate")]
    public void ClosestName_FindsTheMeantName(string typed, string meant) =>
        Assert.That(ClosestName.Among(typed, ["run", "migrate", "classify", "import", "export", "rotation", "doctor", "digest", "show"]), Is.EqualTo(meant));

    [Test]
    public void ClosestName_NothingClose_IsNull() =>
        Assert.That(ClosestName.Among("zzzzzz", ["run", "migrate", "classify"]), Is.Null);
}
