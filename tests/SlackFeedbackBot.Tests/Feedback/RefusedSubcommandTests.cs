using SlackFeedbackBot.Emulator.Delivery;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Feedback;

/// <summary>Whatever /feedback subcommand refuses what was typed, the answer gives the typed text back, defused, so nothing is lost.</summary>
public sealed class RefusedSubcommandTests
{
    private const string Ana = "U0ANA00001";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private BotTestHost _host = null!;

    [OneTimeSetUp]
    public async Task SetUp() => _host = await BotTestHost.StartAsync(new BotTestHostOptions());

    [OneTimeTearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    private async Task<string> ReplyTextAsync(string text)
    {
        var result = await _host.Slack.SendSlashCommandAsync(Ana, EmulatorIds.GeneralChannelId, "/feedback", text);
        return result.AckPayload?["text"]?.ToString() ?? (await _host.Slack.ResponseUrlPosts.WaitForAsync(p => p.Url == result.ResponseUrl, Wait)).Text ?? "";
    }

    [TestCase("show 999", "There is no feedback #999")]
    [TestCase("resolve 999 Export is on the dashboard now", "#999")]
    [TestCase("reopen 999", "#999")]
    [TestCase("reclassify 999 positioning", "#999")]
    [TestCase("same 999 They cannot find export either", "#999")]
    [TestCase("list 0", "from 1 to 3650")]
    [TestCase("list nosuchbucket 7", "There is no bucket called `nosuchbucket`")]
    [TestCase("digest subscribe #nowhere-at-all weekly", "I can't find a channel called `#nowhere-at-all`")]
    [TestCase("digest subscribe #general yearly", "`yearly` is not a digest cadence")]
    [TestCase("digest last year", "Say which complete period")]
    public async Task ARefusal_EndsWithTheTypedText(string typed, string answer)
    {
        var reply = await ReplyTextAsync(typed);

        Assert.That(reply, Does.Contain(answer));
        Assert.That(reply, Does.EndWith($"Here is what you wrote, to fix and send again:\n```/feedback {typed}```"));
        Assert.That(reply.Split("Here is what you wrote").Length, Is.EqualTo(2), "given back once");
    }

    [Test]
    public async Task TheTypedTextComesBackDefused()
    {
        var reply = await ReplyTextAsync("digest subscribe #nowhere-at-all weekly @here");

        Assert.That(reply, Does.Contain("Here is what you wrote"));
        Assert.That(reply, Does.Not.Contain("<!here>"), "a broadcast typed is no broadcast repeated");
    }

    [Test]
    public async Task AnAnswerThatIsNoRefusal_HasNoTypedTextBack()
    {
        var reply = await ReplyTextAsync("digest list");

        Assert.That(reply, Does.Not.Contain("Here is what you wrote"));
    }
}
