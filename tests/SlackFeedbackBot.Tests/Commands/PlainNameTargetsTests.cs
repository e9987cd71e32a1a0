using Microsoft.Extensions.DependencyInjection;
using SlackFeedbackBot.Digests;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Rotations.People;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Slack.Directory;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Commands;

/// <summary>
/// <c>#channel</c> and <c>@group</c> typed as plain text (Slack sends them unescaped when they were not picked from its
/// suggestions) work in /support follow|unfollow and /feedback digest subscribe, through the workspace directory;
/// a name nothing has gets the candidates. Escaping is off here, so every name arrives as typed.
/// </summary>
public sealed class PlainNameTargetsTests
{
    private const string Ana = "U0ANA00001";
    private const string Dieter = "U0DIETER04";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private BotTestHost _host = null!;

    [SetUp]
    public async Task SetUp() => _host = await BotTestHost.StartAsync(new BotTestHostOptions
    {
        SlashCommandEscaping = new(StringComparer.Ordinal) { ["/support"] = false, ["/feedback"] = false },
        Settings = new Dictionary<string, string?>
        {
            ["Rotations:Admins:0"] = Dieter,
            ["Rotations:Rotations:0:Name"] = "support",
            ["Rotations:Rotations:0:SupportChannel"] = EmulatorIds.SupportChannelId,
            ["Rotations:Rotations:0:Owners:0"] = Dieter,
            ["Rotations:Rotations:0:Members:0:UserId"] = Dieter,
        },
    });

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    private async Task<string> ReplyAsync(string user, string command, string text)
    {
        var result = await _host.Slack.SendSlashCommandAsync(user, EmulatorIds.SupportChannelId, command, text);
        return result.AckPayload?["text"]?.ToString() ?? (await _host.Slack.ResponseUrlPosts.WaitForAsync(p => p.Url == result.ResponseUrl, Wait)).Text ?? "";
    }

    private async Task<IReadOnlyList<FollowSource>> FollowsAsync()
    {
        var rotation = (await _host.Services.GetRequiredService<RotationRepository>().FindAsync("support"))!;
        return await _host.Services.GetRequiredService<FollowRepository>().FollowsOfAsync(rotation.Id);
    }

    [Test]
    public async Task Follow_APlainChannelAndGroupName_FollowsThem_AndUnfollowTakesThemToo()
    {
        var channel = await ReplyAsync(Dieter, "/support", "follow support #customer-feedback");
        var group = await ReplyAsync(Dieter, "/support", "follow @support-now");

        Assert.That(channel, Does.StartWith($"*support* now follows <#{EmulatorIds.CustomerFeedbackChannelId}>"));
        Assert.That(group, Does.StartWith("*support* now follows the user group @support-now"));
        Assert.That((await FollowsAsync()).Select(f => f.Id), Is.EquivalentTo(new[] { EmulatorIds.CustomerFeedbackChannelId, EmulatorIds.SupportNowGroupId }));

        var unfollowed = await ReplyAsync(Dieter, "/support", "unfollow #customer-feedback");
        Assert.That(unfollowed, Does.StartWith($"*support* no longer follows <#{EmulatorIds.CustomerFeedbackChannelId}>"));
        Assert.That((await FollowsAsync()).Select(f => f.Id), Is.EqualTo(new[] { EmulatorIds.SupportNowGroupId }));
    }

    [TestCase("follow #customer-feedbak", "There is no channel called `#customer-feedbak`", "`#customer-feedback`")]
    [TestCase("follow @suport-now", "There is no user group called `@suport-now`", "`@support-now`")]
    [TestCase("follow customer-feedback", "I couldn't read `customer-feedback` as a user group or channel", "`#customer-feedback`")]
    [TestCase("follow support-now", "I couldn't read `support-now` as a user group or channel", "`@support-now`")]
    [TestCase("follow @ana", "`@ana` is a person", "`/support edit [rotation] members=")]
    public async Task Follow_ANameNothingHas_NamesTheCandidates_AndChangesNothing(string typed, string answer, string candidate)
    {
        var reply = await ReplyAsync(Dieter, "/support", typed);

        Assert.That(reply, Does.Contain(answer).And.Contain(candidate));
        Assert.That(await FollowsAsync(), Is.Empty);
    }

    [Test]
    public async Task DigestSubscribe_APlainChannelName_Subscribes_AndATypoGetsTheCandidates()
    {
        var subscribed = await ReplyAsync(Ana, "/feedback", "digest subscribe #general weekly");
        var typo = await ReplyAsync(Ana, "/feedback", "digest subscribe #generl weekly");
        var bare = await ReplyAsync(Ana, "/feedback", "digest subscribe general weekly");

        Assert.That(subscribed, Does.Contain($"<#{EmulatorIds.GeneralChannelId}> will get the weekly"));
        Assert.That(typo, Does.Contain("I can't find a channel called `#generl`").And.Contain("Did you mean `#general`?"));
        Assert.That(bare, Does.Contain("`general` is not a channel. Did you mean `#general`?"));
        Assert.That(_host.Services.GetRequiredService<DigestSubscriptionRepository>().All().Select(s => s.ChannelId), Is.EqualTo(new[] { EmulatorIds.GeneralChannelId }));
    }

    [Test]
    public async Task PeopleNames_ComeFromTheWorkspaceDirectory_WithTheIdWhenNobodyHasIt()
    {
        var names = _host.Services.GetRequiredService<IPersonNames>();

        Assert.That(await names.NameOrIdAsync(Ana, CancellationToken.None), Is.EqualTo("ana"));
        Assert.That(await names.NameOrIdAsync("U0NOBODY01", CancellationToken.None), Is.EqualTo("U0NOBODY01"));
    }
}
