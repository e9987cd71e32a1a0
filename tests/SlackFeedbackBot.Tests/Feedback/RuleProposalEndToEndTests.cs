using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Delivery;
using SlackFeedbackBot.Emulator.WebApi;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Spotlight;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Feedback;

/// <summary>
/// A reclassification teaches Spotlight, through the real bot and the Slack emulator: the proposal with its dry run
/// reaches an admin by DM, one click adds the rule, and the next message like it lands in the bucket by that rule.
/// </summary>
public sealed class RuleProposalEndToEndTests
{
    private const string Ana = "U0ANA00001";
    private const string Ben = "U0BEN00002";
    private const string Support = EmulatorIds.SupportChannelId;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private BotTestHost _host = null!;

    private SlackEmulator Slack => _host.Slack;

    private FeedbackRepository Repository => _host.Services.GetRequiredService<FeedbackRepository>();

    [SetUp]
    public async Task SetUp() => _host = await BotTestHost.StartAsync(new BotTestHostOptions
    {
        Settings = new Dictionary<string, string?> { ["Feedback:Admins:0"] = Ana },
    });

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    private async Task<string> ReplyTextAsync(DeliveryResult result) =>
        result.AckPayload?["text"]?.ToString() ?? (await Slack.ResponseUrlPosts.WaitForAsync(p => p.Url == result.ResponseUrl, Wait)).Text ?? "";

    private async Task CaptureAsync(string text, long expectedId)
    {
        await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ben, Support, "/feedback", text));
        Assert.That(Repository.Get(expectedId)?.Text, Is.EqualTo(text));
    }

    private Task<ApiCall> ProposalDmAsync(string user) =>
        Slack.WaitForCallAsync("chat.postMessage", c => c.Ok && Slack.Workspace.GetChannel(c.Arg("channel") ?? "")?.ImUserId == user
            && c.Arg("text")?.StartsWith("Proposed Spotlight rule", StringComparison.Ordinal) == true, Wait);

    private static string Ts(ApiCall post) => (string)post.Response["ts"]!;

    [Test]
    public async Task AdminReclassifies_AcceptsTheProposalInOneClick_AndTheNextSimilarMessageFollowsTheRule()
    {
        await CaptureAsync("The date filter keeps tripping me up every single time", 1);
        await CaptureAsync("bulk edit keeps tripping me up", 2);
        await CaptureAsync("the new tags screen keeps tripping me up", 3);
        await CaptureAsync("Can you integrate with Jira?", 4);

        var reply = await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "reclassify 1 user_experience"));
        var proposal = await ProposalDmAsync(Ana);

        Assert.That(reply, Does.Contain("now in *User experience*").And.Contain("I sent you a rule to try: `tripping me up`"));
        var dryRun = JsonNode.Parse(proposal.Arg("blocks")!)![1]!["text"]!["text"]!.ToString();
        Assert.That(dryRun, Does.StartWith("Adding `tripping me up` to *User experience* would move 2 past items: #2, #3, and would make 0 wrong."));

        await Slack.ClickButtonAsync(Ana, proposal.Arg("channel")!, Ts(proposal), RuleProposalMessages.AcceptAction);
        var accepted = await Slack.ResponseUrlPosts.WaitForAsync(p => p.Text?.StartsWith("Rule added", StringComparison.Ordinal) == true, Wait);
        Assert.That(accepted.Payload.ToJsonString(), Does.Contain("Moved 2 past items: #2, #3."));
        Assert.That(new[] { Repository.Get(2)!.Bucket, Repository.Get(3)!.Bucket, Repository.Get(4)!.Bucket },
            Is.EqualTo(new[] { SpotlightBuckets.UserExperience, SpotlightBuckets.UserExperience, SpotlightBuckets.ProductMarketing }));

        var next = await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ben, Support, "/feedback", "the export dialog keeps tripping me up"));
        var item = Repository.Get(5)!;
        Assert.That((item.Bucket, item.Rule), Is.EqualTo((SpotlightBuckets.UserExperience, "user_experience: \"tripping me up\"")));
        Assert.That(next, Does.Contain("User experience"));
        var listed = SpotlightRuleList.From(_host.Services.GetRequiredService<SpotlightRuleSet>());
        Assert.That(listed.Single(r => r.Pattern == "tripping me up").Origin, Does.StartWith($"added by {Ana} on ").And.EndWith(" from #1"));
    }

    [Test]
    public async Task ReporterReclassifies_TheAdminGetsTheProposal_DismissingItAddsNoRule()
    {
        await CaptureAsync("bulk edit keeps tripping me up", 1);

        var reply = await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ben, Support, "/feedback", "reclassify 1 user_experience"));
        var proposal = await ProposalDmAsync(Ana);
        await Slack.ClickButtonAsync(Ana, proposal.Arg("channel")!, Ts(proposal), RuleProposalMessages.DismissAction);
        await Slack.ResponseUrlPosts.WaitForAsync(p => p.Text == "Rule proposal dismissed", Wait);

        Assert.That(reply, Does.Contain("I suggested the rule `tripping me up` for this bucket to the feedback admins."));
        Assert.That(Slack.Calls.All.Where(c => c.Method == "chat.postMessage" && Slack.Workspace.GetChannel(c.Arg("channel") ?? "")?.ImUserId == Ben
            && c.Arg("text")?.StartsWith("Proposed", StringComparison.Ordinal) == true), Is.Empty, "Ben may not accept, so he is not shown it");
        await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ben, Support, "/feedback", "the export dialog keeps tripping me up"));
        Assert.That(Repository.Get(2)!.Bucket, Is.EqualTo(SpotlightBuckets.Unclassified));
        Assert.That(_host.Services.GetRequiredService<SpotlightRuleSet>().LearnedRules, Is.Empty);
    }
}
