using System.Globalization;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Feedback;

/// <summary>"Keep" on a rule's dry run: nothing changes; the dry run's message says who kept it.</summary>
public sealed class KeepRuleAction(SpotlightRuleSet rules, RuleRemovalMessages messages, ISlackApiClient slack) : IBlockActionHandler
{
    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken ct)
    {
        var reply = long.TryParse(action.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && rules.Find(id) is { } rule
            ? messages.Kept(rule, payload.User.Id)
            : SlackMessage.Ephemeral("That button no longer knows its rule; nothing was changed.");
        if (payload.ResponseUrl is { } url)
        {
            await slack.RespondAsync(url, reply, ct);
        }
    }
}
