using System.Globalization;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary>The bucket picked in a capture reply's "Change bucket" menu (value <c>itemId:bucket</c>); a rule to learn from it is offered by DM.</summary>
public sealed class SetBucketAction(FeedbackService service, FeedbackReplies replies, FeedbackPermissions permissions, ISlackApiClient slack, RuleProposalOffer rules) : IBlockActionHandler
{
    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken ct)
    {
        var value = action.SelectedOption?.Value ?? action.Value ?? "";
        var colon = value.IndexOf(':');
        SlackMessage reply;
        if (colon < 1 || !long.TryParse(value[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            reply = SlackMessage.Ephemeral("That menu no longer knows its item; use `/feedback reclassify N bucket`.");
        }
        else if (await permissions.RefusalAsync(id, payload.User.Id, "reclassify", ct) is { } refusal)
        {
            reply = SlackMessage.Ephemeral(refusal);
        }
        else
        {
            var outcome = service.Reclassify(id, value[(colon + 1)..], payload.User.Id);
            reply = outcome.Item is { } item ? replies.BucketChanged(item, payload.User.Id) : SlackMessage.Ephemeral(outcome.Problem!);
            if (outcome.Item is { } moved)
            {
                // The proposal goes by DM; the capture reply keeps its own shape.
                await rules.OfferAsync(moved, payload.User.Id, ct);
            }
        }

        if (payload.ResponseUrl is { } url)
        {
            await slack.RespondAsync(url, reply, ct);
        }
    }
}
