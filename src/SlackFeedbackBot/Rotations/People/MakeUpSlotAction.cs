using SlackFeedbackBot.Rotations.Slack;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Rotations.People;

/// <summary>One of the free times offered after a no-show (value = missed shift key|start): books the make-up shift.</summary>
public sealed class MakeUpSlotAction(MakeUpShifts makeUps, ClickReplies replies) : IBlockActionHandler
{
    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken ct)
    {
        var outcome = await makeUps.BookAsync(payload.User.Id, action.Value, ct);
        await replies.ReplyAsync(payload, outcome.Text, replaceOriginal: outcome.Changed, ct);
    }
}
