using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Tests.Feedback;

/// <summary>Rules learnt from reclassifications: the phrase chosen, the dry run, and who may accept.</summary>
public sealed class RuleProposalTests
{
    private const string Admin = "U5";
    private FeedbackHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new FeedbackHarness(new Dictionary<string, string?> { ["Feedback:Admins:0"] = Admin });

    [TearDown]
    public void TearDown() => _h.Dispose();

    private RuleProposer Proposer => _h.Get<RuleProposer>();

    private Task ClickAsync(string actionId, string value, string user = Admin) =>
        _h.Dispatch(SlackRequestKind.BlockActions, new
        {
            type = "block_actions",
            user = new { id = user },
            team = new { id = "T1" },
            response_url = "https://hooks.example/a/1",
            actions = new[] { new { action_id = actionId, type = "button", value } },
        }, null);

    [Test]
    public async Task Propose_PicksThePhraseHeardInSimilarItems_NotTheSubject()
    {
        await _h.CaptureAsync("The date filter keeps tripping me up every single time");
        await _h.CaptureAsync("bulk edit keeps tripping me up");
        await _h.CaptureAsync("the new tags screen keeps tripping me up");
        _h.Service.Reclassify(1, SpotlightBuckets.UserExperience, Admin);

        var proposal = Proposer.Propose(_h.Repository.Get(1)!, SpotlightBuckets.UserExperience)!;

        Assert.That(proposal.Phrase, Is.EqualTo("tripping me up"));
        Assert.That(proposal.DryRun.Moves.Select(m => (m.ItemId, m.From, m.To)), Is.EqualTo(new[]
        {
            (2L, SpotlightBuckets.Unclassified, SpotlightBuckets.UserExperience),
            (3L, SpotlightBuckets.Unclassified, SpotlightBuckets.UserExperience),
        }));
        Assert.That(proposal.DryRun.Contradicted, Is.Empty);
        Assert.That(proposal.DryRun.Agreed, Is.EqualTo(1), "item 1 itself, which a person put there");
    }

    [Test]
    public async Task Propose_LeavesOutPhrasesSaidInAnotherBucketsItems()
    {
        await _h.CaptureAsync("honestly the sync tab drives me mad");
        await _h.CaptureAsync("honestly the sync tab is fine");
        _h.Service.Reclassify(2, SpotlightBuckets.Positioning, "U9");
        _h.Service.Reclassify(1, SpotlightBuckets.UserExperience, Admin);

        var proposal = Proposer.Propose(_h.Repository.Get(1)!, SpotlightBuckets.UserExperience)!;

        Assert.That(SpotlightTextNormalizer.Normalize("honestly the sync tab is fine"), Does.Not.Contain(proposal.Phrase));
        Assert.That(SpotlightTextNormalizer.Normalize("honestly the sync tab drives me mad"), Does.Contain(proposal.Phrase));
    }

    [Test]
    public async Task DryRun_CountsItemsAPersonPutInAnotherBucketAsWrong_AndNeverMovesThem()
    {
        await _h.CaptureAsync("keeps tripping me up");
        await _h.CaptureAsync("the invoice keeps tripping me up, please refund");
        _h.Service.Reclassify(2, SpotlightBuckets.ProductMarketing, "U9");

        var dryRun = Proposer.DryRun(SpotlightBuckets.UserExperience, "keeps tripping me")!;

        Assert.That(dryRun.Moves.Select(m => m.ItemId), Is.EqualTo(new[] { 1L }));
        Assert.That(dryRun.Contradicted, Is.EqualTo(new[] { 2L }));
        Assert.That(_h.Get<RuleProposalMessages>().DryRunText(SpotlightBuckets.UserExperience, "keeps tripping me", dryRun),
            Is.EqualTo("Adding `keeps tripping me` to *User experience* would move 1 past item: #1, and would make 1 wrong (a person put #2 in another bucket)."));
    }

    [Test]
    public async Task Propose_WhenAStrongerBucketsRuleStillWins_OffersNothing()
    {
        await _h.CaptureAsync("I'm probably not your target customer, but this keeps tripping me up");
        _h.Service.Reclassify(1, SpotlightBuckets.UserExperience, Admin);

        Assert.That(Proposer.Propose(_h.Repository.Get(1)!, SpotlightBuckets.UserExperience), Is.Null);
    }

    [Test]
    public async Task Propose_ToUnclassified_OffersNothing()
    {
        await _h.CaptureAsync("how do i keep tripping over this");
        _h.Service.Reclassify(1, SpotlightBuckets.Unclassified, Admin);

        Assert.That(Proposer.Propose(_h.Repository.Get(1)!, SpotlightBuckets.Unclassified), Is.Null);
    }

    [Test]
    public async Task Reclassify_ByAReporter_SendsTheProposalToTheAdminsOnly()
    {
        await _h.CaptureAsync("bulk edit keeps tripping me up", reporter: "U1");

        var reply = await _h.CommandAsync("reclassify 1 user_experience", user: "U1");

        Assert.That(reply!.Text, Does.Contain("suggested the rule `tripping me up`").And.Contain("feedback admins"));
        var (channel, message) = _h.Api.Posts.Single();
        Assert.That(channel, Is.EqualTo("D" + Admin));
        Assert.That(message.Text, Does.Contain("\"tripping me up\""));
        Assert.That(SlackJson.Serialize(message), Does.Contain(RuleProposalMessages.AcceptAction).And.Contain(RuleProposalMessages.DismissAction));
    }

    [Test]
    public async Task Reclassify_ByAnAdmin_SendsTheProposalToThemAndOnlyOnce()
    {
        await _h.CaptureAsync("bulk edit keeps tripping me up", reporter: "U1");

        var reply = await _h.CommandAsync("reclassify 1 user_experience", user: Admin);
        await _h.Service.AddSameAsync(1, "U2", "same here", null, CancellationToken.None);
        await _h.CommandAsync("reclassify 1 ux", user: Admin);

        Assert.That(reply!.Text, Does.Contain("I sent you a rule to try"));
        Assert.That(_h.Api.Posts.Select(p => p.Channel), Is.EqualTo(new[] { "D" + Admin }));
    }

    [Test]
    public async Task Accept_ByANonAdmin_IsRefusedAndStoresNothing()
    {
        await _h.CaptureAsync("bulk edit keeps tripping me up", reporter: "U1");

        await ClickAsync(RuleProposalMessages.AcceptAction, "1:user_experience:keeps tripping me", user: "U1");

        Assert.That(_h.Api.Responses.Single().Message.Text, Does.Contain("Only feedback admins (<@U5>) may add Spotlight rules"));
        Assert.That(_h.Get<SpotlightRuleSet>().LearnedRules, Is.Empty);
        Assert.That(_h.Repository.Get(1)!.Bucket, Is.EqualTo(SpotlightBuckets.Unclassified));
    }

    [Test]
    public async Task Accept_ByAnAdmin_StoresTheRuleAndMovesOnlyItemsNoPersonClassified()
    {
        await _h.CaptureAsync("bulk edit keeps tripping me up");
        await _h.CaptureAsync("tags keep tripping me up too");
        await _h.CaptureAsync("the invoice keeps tripping me up");
        _h.Service.Reclassify(3, SpotlightBuckets.ProductMarketing, "U9");

        await ClickAsync(RuleProposalMessages.AcceptAction, "1:user_experience:keeps tripping me");

        var (_, message) = _h.Api.Responses.Single();
        Assert.That(message.ReplaceOriginal, Is.True);
        Assert.That(message.Text, Is.EqualTo("Rule added: user_experience: \"keeps tripping me\""));
        Assert.That(SlackJson.Serialize(message), Does.Contain("Moved 1 past item: #1."));
        Assert.That(_h.Repository.Get(1)!.Rule, Is.EqualTo("user_experience: \"keeps tripping me\""));
        Assert.That(_h.Repository.Get(2)!.Bucket, Is.EqualTo(SpotlightBuckets.Unclassified), "\"keep tripping me\" is other words");
        Assert.That(_h.Repository.Get(3)!.Bucket, Is.EqualTo(SpotlightBuckets.ProductMarketing), "a person chose that bucket");
        var captured = await _h.CaptureAsync("the export keeps tripping me up");
        Assert.That(captured.Item!.Bucket, Is.EqualTo(SpotlightBuckets.UserExperience));
    }

    [Test]
    public async Task Dismiss_StoresNothing_AndSaysWhoDismissedIt()
    {
        await _h.CaptureAsync("bulk edit keeps tripping me up");

        await ClickAsync(RuleProposalMessages.DismissAction, "1:user_experience:keeps tripping me");

        var (_, message) = _h.Api.Responses.Single();
        Assert.That((message.ReplaceOriginal, message.Text), Is.EqualTo(((bool?)true, "Rule proposal dismissed")));
        Assert.That(_h.Get<SpotlightRuleSet>().LearnedRules, Is.Empty);
    }

    [TestCase("not a proposal")]
    [TestCase("1:no_such_bucket:keeps tripping me")]
    [TestCase("1:user_experience:")]
    public async Task Accept_WithAValueThatIsNoProposal_AnswersKindly(string value)
    {
        await ClickAsync(RuleProposalMessages.AcceptAction, value);

        Assert.That(_h.Api.Responses.Single().Message.Text, Does.Contain("no longer knows its rule"));
    }
}
