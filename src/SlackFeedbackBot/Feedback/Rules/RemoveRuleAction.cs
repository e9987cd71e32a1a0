using System.Globalization;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// "Remove" on a rule's dry run: a feedback admin takes the rule back (kept in history, marked removed), the classifier
/// compiles without it, and the dry run's message becomes the confirmation. Items keep their stored bucket.
/// </summary>
public sealed class RemoveRuleAction(RuleRemoval removal, RuleRemovalMessages messages, FeedbackAdmins admins, ISlackApiClient slack, TimeProvider time) : IBlockActionHandler
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
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return SlackMessage.Ephemeral("That button no longer knows its rule; `/feedback rules` lists the rules added in Slack with their numbers.");
        }

        if (!await admins.IsAdminAsync(userId, ct))
        {
            return SlackMessage.Ephemeral($"Only {await admins.DescribeAsync(ct) ?? "feedback admins"} may remove Spotlight rules; ask one of them.");
        }

        var result = removal.Remove(id, userId, time.GetUtcNow());
        return result switch
        {
            { Outcome: SpotlightRuleRemovalOutcome.Removed, DryRun: { } dryRun } => messages.Removed(dryRun, userId),
            { Outcome: SpotlightRuleRemovalOutcome.AlreadyRemoved, Rule: { } rule } => SlackMessage.Ephemeral(RuleRemovalMessages.AlreadyRemoved(rule)),
            { Outcome: SpotlightRuleRemovalOutcome.NoDatabase } => SlackMessage.Ephemeral("Rules added in Slack need the bot's database, and there is none here."),
            _ => SlackMessage.Ephemeral(RuleRemovalMessages.NoSuchRule(id)),
        };
    }
}
