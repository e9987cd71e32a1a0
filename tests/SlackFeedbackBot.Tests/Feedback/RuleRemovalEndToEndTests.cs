using Microsoft.Extensions.DependencyInjection;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Delivery;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Spotlight;
using SlackFeedbackBot.Tests.Support;
using SlackFeedbackBot.Tests.TypeCheck;

namespace SlackFeedbackBot.Tests.Feedback;

/// <summary>
/// A rule added in Slack, seen and taken back through the real bot and the Slack emulator: `/feedback rules` shows it,
/// `/feedback rules remove` shows the dry run, one click on Remove takes it back, and what was sent passes Slack's types.
/// </summary>
[NonParallelizable]
public sealed class RuleRemovalEndToEndTests
{
    private const string Ana = "U0ANA00001";
    private const string Ben = "U0BEN00002";
    private const string Support = EmulatorIds.SupportChannelId;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Test]
    public async Task AdminRemovesAnAddedRule_ByClickingRemove_AndTheNextSimilarMessageIsClassifiedWithoutIt()
    {
        var checker = TypeChecker.Find();
        using var dir = new TempDirectory();
        var recording = dir.File("rules.jsonl");
        await using (var host = await BotTestHost.StartAsync(new BotTestHostOptions
        {
            RecordPath = recording,
            Settings = new Dictionary<string, string?> { ["Feedback:Admins:0"] = Ana },
        }))
        {
            var slack = host.Slack;
            var repository = host.Services.GetRequiredService<FeedbackRepository>();
            var rules = host.Services.GetRequiredService<SpotlightRuleSet>();
            async Task<string> ReplyAsync(DeliveryResult result) =>
                JsonText.Of(result.AckPayload ?? (await slack.ResponseUrlPosts.WaitForAsync(p => p.Url == result.ResponseUrl, Wait)).Payload);

            var (rule, _) = rules.Add(SpotlightBuckets.UserExperience, "keeps tripping me", Ana, new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero), null)!.Value;
            await ReplyAsync(await slack.SendSlashCommandAsync(Ben, Support, "/feedback", "bulk edit keeps tripping me up"));
            Assert.That(repository.Get(1)!.Bucket, Is.EqualTo(SpotlightBuckets.UserExperience));

            var listed = await ReplyAsync(await slack.SendSlashCommandAsync(Ben, Support, "/feedback", "rules"));
            Assert.That(listed, Does.Contain("`keeps tripping me`, added by").And.Contain("classifies 1 item today"));

            await ReplyAsync(await slack.SendSlashCommandAsync(Ana, Support, "/feedback", $"rules remove {rule.Id}"));
            var dryRun = slack.Workspace.Messages.Last(m => m.EphemeralFor == Ana && m.Blocks is not null);
            Assert.That(JsonText.Of(dryRun.Blocks), Does.Contain("would leave 1 item it classifies today without it: 1 goes unclassified."));

            await slack.ClickButtonAsync(Ana, Support, dryRun.Ts, RuleRemovalMessages.RemoveAction);
            var removed = await slack.ResponseUrlPosts.WaitForAsync(p => p.Text?.StartsWith("Rule removed", StringComparison.Ordinal) == true, Wait);

            Assert.That(JsonText.Of(removed.Payload), Does.Contain("The item it classified keeps its stored bucket"));
            Assert.That(repository.Get(1)!.Bucket, Is.EqualTo(SpotlightBuckets.UserExperience), "the item keeps its stored bucket");
            await ReplyAsync(await slack.SendSlashCommandAsync(Ben, Support, "/feedback", "the export dialog keeps tripping me up"));
            Assert.That(repository.Get(2)!.Bucket, Is.EqualTo(SpotlightBuckets.Unclassified));
            Assert.That(rules.History().Single().RemovedBy, Is.EqualTo(Ana));
        }

        var (exitCode, output) = await checker.RunAsync(recording);
        Assert.That(exitCode, Is.EqualTo(0), output);
    }
}
