using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// "Add rule" on a proposal: a feedback admin stores the rule, the classifier uses it from now on, and the past items its
/// dry run would move (those no person classified) move. The proposal's message becomes the outcome.
/// </summary>
public sealed class AcceptRuleAction(
    SpotlightRuleSet rules,
    RuleProposer proposer,
    FeedbackRuleHistory history,
    RuleProposalMessages messages,
    FeedbackAdmins admins,
    ISlackApiClient slack,
    TimeProvider time) : IBlockActionHandler
{
    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken ct)
    {
        var reply = await ReplyAsync(payload.User.Id, action.Value, ct);
        if (payload.ResponseUrl is { } url)
        {
            await slack.RespondAsync(url, reply, ct);
        }
    }

    private async Task<SlackMessage> ReplyAsync(string userId, string? value, CancellationToken ct)
    {
        if (!RuleProposalMessages.TryRead(value, out var itemId, out var bucket, out var phrase) || rules.Buckets.All(b => b.Id != bucket))
        {
            return SlackMessage.Ephemeral("That proposal no longer knows its rule; reclassify the item again to get a new one.");
        }

        if (!await admins.IsAdminAsync(userId, ct))
        {
            return SlackMessage.Ephemeral($"Only {await admins.DescribeAsync(ct) ?? "feedback admins"} may add Spotlight rules.");
        }

        if (proposer.DryRun(bucket, phrase) is not { } dryRun)
        {
            return SlackMessage.Ephemeral($"`{phrase}` cannot be a rule; reclassify the item again to get another proposal.");
        }

        if (rules.Add(bucket, phrase, userId, time.GetUtcNow(), itemId) is not var (rule, added))
        {
            return SlackMessage.Ephemeral("Rules added in Slack need the bot's database, and there is none here.");
        }

        if (!added)
        {
            return messages.AlreadyThere(rule.RuleText, rule.AddedBy, rule.AddedAt);
        }

        var moved = history.Apply(dryRun.Moves, time.GetUtcNow());
        return messages.Accepted(rule.RuleText, userId, moved);
    }
}
