using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Tests.Emulator;

/// <summary>The bot's client reading who is in a user group or channel, and a deactivated account, from the emulator.</summary>
public sealed class MembershipReadTests
{
    private SlackEmulator _emu = null!;
    private HttpClient _http = null!;
    private SlackApiClient _client = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _emu = await SlackEmulator.StartAsync(new EmulatorOptions { SeedDemoWorkspace = true, AckTimeout = TimeSpan.FromMilliseconds(300), TimeProvider = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)) });
        _http = new HttpClient();
        _client = new SlackApiClient(
            new OneClientFactory(_http),
            Options.Create(new SlackOptions { BotToken = _emu.BotToken, ApiBaseUrl = _emu.ApiBaseUrl.ToString() }),
            NullLogger<SlackApiClient>.Instance);
    }

    [TearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _emu.DisposeAsync();
    }

    [Test]
    public async Task ConversationMembers_FollowsEveryPageOfTheCursor()
    {
        var people = Enumerable.Range(0, 450).Select(i => _emu.Workspace.AddUser($"U0MANY{i:D4}", $"p{i}", $"Person {i}", "UTC").Id).ToList();
        _emu.Workspace.AddChannel("C0MANY0001", "everyone", false, people);

        var members = await _client.ListConversationMembersAsync("C0MANY0001");

        Assert.That(members, Is.EquivalentTo(people));
        var calls = _emu.Calls.All.Where(c => c.Method == "conversations.members").ToList();
        Assert.That(calls, Has.Count.EqualTo(3), "200 a page");
        Assert.That(calls.Skip(1).Select(c => c.Arg("cursor")), Has.All.Not.Null);
    }

    [Test]
    public async Task UserGroupMembers_AreTheGroupsUsers_AndAnUnknownGroupIsSlacksError()
    {
        _emu.Workspace.SetUserGroupUsers(EmulatorIds.SupportNowGroupId, ["U0ANA00001", "U0BEN00002"]);

        Assert.That(await _client.ListUserGroupMembersAsync(EmulatorIds.SupportNowGroupId), Is.EqualTo(new[] { "U0ANA00001", "U0BEN00002" }));
        var refused = Assert.ThrowsAsync<SlackApiException>(() => _client.ListUserGroupMembersAsync("S0NOPE0001"));
        Assert.That(refused!.ErrorCode, Is.EqualTo("no_such_subteam"));
    }

    [Test]
    public async Task Deactivated_UsersInfoSaysDeleted()
    {
        await _emu.DeactivateUserAsync("U0ANA00001");

        Assert.That((await _client.GetUserInfoAsync("U0ANA00001")).Deleted, Is.True);
        Assert.That((await _client.GetUserInfoAsync("U0BEN00002")).Deleted, Is.False);
    }

    private sealed class OneClientFactory(HttpClient client) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => client;
    }
}
