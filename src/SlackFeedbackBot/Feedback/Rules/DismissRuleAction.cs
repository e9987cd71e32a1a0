using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary>"Dismiss" on a proposal: nothing is stored; the proposal's message says who dismissed it.</summary>
public sealed class DismissRuleAction(RuleProposalMessages messages, ISlackApiClient slack) : IBlockActionHandler
{
    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken ct)
    {
        var reply = RuleProposalMessages.TryRead(action.Value, out _, out var bucket, out var phrase)
            ? messages.Dismissed(bucket, phrase, payload.User.Id)
            : SlackMessage.Ephemeral("That proposal no longer knows its rule; there is nothing to dismiss.");
        if (payload.ResponseUrl is { } url)
        {
            await slack.RespondAsync(url, reply, ct);
        }
    }
}
