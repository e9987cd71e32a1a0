using Dapper;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Spotlight;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Feedback;

/// <summary>`/feedback rules`: the rules as a team reads them; `/feedback rules remove N`: a dry run, then Remove or Keep.</summary>
public sealed class RuleRemovalTests
{
    private const string Admin = "U5ADMIN";
    private const string Rule = "keeps tripping me";
    private FeedbackHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new FeedbackHarness(new Dictionary<string, string?> { ["Feedback:Admins:0"] = Admin });

    [TearDown]
    public void TearDown() => _h.Dispose();

    private SpotlightRuleSet Rules => _h.Get<SpotlightRuleSet>();

    private Task ClickAsync(string actionId, string value, string user = Admin) =>
        _h.Dispatch(SlackRequestKind.BlockActions, new
        {
            type = "block_actions",
            user = new { id = user },
            team = new { id = "T1" },
            response_url = "https://hooks.example/a/1",
            actions = new[] { new { action_id = actionId, type = "button", value } },
        }, null);

    /// <summary>Three items the rule decides today (one would move to product marketing without it), one it does not.</summary>
    private async Task<long> WithAnAddedRuleAsync()
    {
        await _h.CaptureAsync("bulk edit keeps tripping me up");
        await _h.CaptureAsync("the tags screen keeps tripping me up");
        await _h.CaptureAsync("Can you integrate with Jira? The setup keeps tripping me up");
        await _h.CaptureAsync("The export is broken");
        var (rule, _) = Rules.Add(SpotlightBuckets.UserExperience, Rule, Admin, FeedbackHarness.Start, 1)!.Value;
        return rule.Id;
    }

    [Test]
    public async Task Rules_ByAnyone_ShowsTheAddedRulesPerBucket_WithWhoWhenFromWhichItemAndHowManyItClassifiesToday()
    {
        await WithAnAddedRuleAsync();

        var reply = (await _h.CommandAsync("rules", user: "U1"))!;

        Assert.That(reply.IsEphemeral, Is.True);
        Assert.That(JsonText.Of(reply.Json), Does.Contain($"• *1* `{Rule}`, added by <@{Admin}> on 2026-11-23 from #1; classifies 3 items today"));
        Assert.That(JsonText.Of(reply.Json), Does.Contain("*User experience* (`user_experience`)").And.Contain("built-in phrases").And.Contain("`/feedback rules user_experience` lists them"));
        Assert.That(JsonText.Of(reply.Json), Does.Contain("_No rules added in Slack._"), "the other buckets have none");
    }

    [Test]
    public async Task RulesOfABucket_ListsItsPhrasesInOrder_AddedOnesWithTheirNumber()
    {
        await WithAnAddedRuleAsync();

        var reply = (await _h.CommandAsync("rules user_experience", user: "U1"))!;

        Assert.That(JsonText.Of(reply.Json), Does.Contain("*Built-in* (").And.Contain("`how do i`").And.Contain("*Added in Slack* (1)").And.Contain($"*1* `{Rule}`"));
        Assert.That(JsonText.Of(reply.Json), Does.Contain("*Negative patterns"));
    }

    [Test]
    public async Task Rules_WithNoFeedbackYet_ShowsTheBuckets()
    {
        var reply = (await _h.CommandAsync("rules", user: "U1"))!;

        Assert.That(JsonText.Of(reply.Json), Does.Contain("*Positioning* (`positioning`)").And.Contain("_No rules added in Slack._"));
    }

    [Test]
    public async Task RulesOfNoSuchBucket_IsRefusedWithTheBucketsThereAre_AndTheTextDefused()
    {
        var reply = (await _h.CommandAsync("rules <!here>", user: "U1"))!;

        Assert.That(reply.Text, Does.StartWith("There is no bucket `@here`.").And.Contain("`user_experience`").And.Contain("Here is what you wrote"));
        Assert.That(reply.Text, Does.Not.Contain("<!here>"));
    }

    [Test]
    public async Task ASentenceAboutRules_IsFeedback()
    {
        var reply = (await _h.CommandAsync("rules are really hard to find in the settings", user: "U1"))!;

        Assert.That(_h.Repository.Get(1)?.Text, Is.EqualTo("rules are really hard to find in the settings"), reply.Text);
    }

    [Test]
    public async Task Remove_ByANonAdmin_IsRefusedKindly_SayingWhoMay()
    {
        var id = await WithAnAddedRuleAsync();

        var reply = (await _h.CommandAsync($"rules remove {id}", user: "U1"))!;

        Assert.That(reply.Text, Does.StartWith($"Only feedback admins (<@{Admin}>) may remove Spotlight rules; ask one of them."));
        Assert.That(Rules.LearnedRules, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Remove_ShowsTheDryRunFirst_AndClickingRemoveTakesTheRuleBack_KeepingItInHistory()
    {
        var id = await WithAnAddedRuleAsync();
        var bucketsBefore = Enumerable.Range(1, 4).Select(i => _h.Repository.Get(i)!.Bucket).ToList();

        var dryRun = (await _h.CommandAsync($"rules remove {id}", user: Admin))!;

        Assert.That(JsonText.Of(dryRun.Json), Does.Contain($"Removing `{Rule}` from *User experience* would leave 3 items it classifies today without it: 2 go unclassified, 1 moves to *Product marketing*."));
        Assert.That(JsonText.Of(dryRun.Json), Does.Contain(RuleRemovalMessages.RemoveAction).And.Contain(RuleRemovalMessages.KeepAction));
        Assert.That(Rules.LearnedRules, Has.Count.EqualTo(1), "nothing changes before the click");

        _h.Time.Advance(TimeSpan.FromHours(2));
        await ClickAsync(RuleRemovalMessages.RemoveAction, id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var (_, removed) = _h.Api.Responses.Single();
        Assert.That(removed.ReplaceOriginal, Is.True);
        Assert.That(JsonText.Of(SlackJson.Serialize(removed)), Does.Contain($"<@{Admin}> removed the rule `user_experience: \"{Rule}\"` (rule {id}). The 3 items it classified keep their stored bucket"));
        Assert.That(Rules.LearnedRules, Is.Empty);
        Assert.That(Rules.Classify("the date filter keeps tripping me up").Bucket, Is.EqualTo(SpotlightBuckets.Unclassified), "the classifier reloaded");
        Assert.That(Enumerable.Range(1, 4).Select(i => _h.Repository.Get(i)!.Bucket), Is.EqualTo(bucketsBefore), "items keep their stored bucket");
        var kept = Rules.History().Single();
        Assert.That((kept.RemovedBy, kept.RemovedAt), Is.EqualTo(((string?)Admin, (DateTimeOffset?)FeedbackHarness.Start.AddHours(2))));
    }

    [Test]
    public async Task Keep_ChangesNothing_AndSaysWhoKeptIt()
    {
        var id = await WithAnAddedRuleAsync();

        await ClickAsync(RuleRemovalMessages.KeepAction, id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.That(_h.Api.Responses.Single().Message.Text, Is.EqualTo($"Rule kept: user_experience: \"{Rule}\""));
        Assert.That(Rules.LearnedRules, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ClickingRemove_ByANonAdmin_IsRefused_AndTheRuleStays()
    {
        var id = await WithAnAddedRuleAsync();

        await ClickAsync(RuleRemovalMessages.RemoveAction, id.ToString(System.Globalization.CultureInfo.InvariantCulture), user: "U1");

        Assert.That(_h.Api.Responses.Single().Message.Text, Does.Contain("may remove Spotlight rules"));
        Assert.That(Rules.LearnedRules, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Remove_AnUnknownId_AnAlreadyRemovedOne_OrABuiltInPhrase_GetsAFriendlyAnswerWithTheFix()
    {
        var id = await WithAnAddedRuleAsync();
        Rules.Remove(id, Admin, FeedbackHarness.Start);

        var unknown = (await _h.CommandAsync("rules remove 99", user: Admin))!;
        var again = (await _h.CommandAsync($"rules remove #{id}", user: Admin))!;
        var builtIn = (await _h.CommandAsync("rules remove how do i", user: Admin))!;

        Assert.That(unknown.Text, Does.StartWith("There is no rule 99 added in Slack. `/feedback rules` lists them with their numbers."));
        Assert.That(again.Text, Does.StartWith($"Rule {id} (`user_experience: \"{Rule}\"`) was removed already, by <@{Admin}> on 2026-11-23."));
        Assert.That(builtIn.Text, Does.StartWith("`how do i` is a built-in rule of *User experience*").And.Contain("`Spotlight:Buckets`"));
        Assert.That(new[] { unknown, again, builtIn }.Select(r => r.Text), Has.All.Contain("Here is what you wrote"));
    }

    [Test]
    public async Task Remove_ByTheRulesWords_ShowsItsDryRun()
    {
        await WithAnAddedRuleAsync();

        var reply = (await _h.CommandAsync($"rules remove {Rule}", user: Admin))!;

        Assert.That(JsonText.Of(reply.Json), Does.Contain($"Removing `{Rule}` from *User experience*"));
    }

    [Test]
    public async Task AfterARemoval_TheSameRuleCanBeProposedAndAddedAgain_AsANewRule()
    {
        var id = await WithAnAddedRuleAsync();
        await ClickAsync(RuleRemovalMessages.RemoveAction, id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await ClickAsync(RuleProposalMessages.AcceptAction, $"1:user_experience:{Rule}");

        Assert.That(_h.Api.Responses.Last().Message.Text, Is.EqualTo($"Rule added: user_experience: \"{Rule}\""));
        Assert.That(Rules.LearnedRules.Single().Id, Is.Not.EqualTo(id));
        Assert.That(Rules.History().Select(r => r.IsRemoved), Is.EqualTo(new[] { true, false }));
        using var connection = _h.Database.Open();
        Assert.That(connection.ExecuteScalar<long>("SELECT COUNT(*) FROM spotlight_rules"), Is.EqualTo(2), "the removed row is kept");
    }

    [Test]
    public async Task Help_ListsTheRulesSubcommand()
    {
        var help = (await _h.CommandAsync("help"))!;

        Assert.That(help.Text, Does.Contain("`/feedback rules`").And.Contain("`/feedback rules remove 3`"));
    }
}
