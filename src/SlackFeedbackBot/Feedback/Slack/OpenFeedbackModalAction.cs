using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// The "What did you hear?" button sent at the end of a support shift (value = the shift's key): opens the new-feedback
/// form for that shift, so what is saved from it is tagged with the shift however late it is submitted.
/// </summary>
public sealed class OpenFeedbackModalAction(ISlackApiClient slack, FeedbackModals modals) : IBlockActionHandler
{
    public const string ActionId = "open_feedback_modal";

    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(payload.TriggerId))
        {
            if (payload.ResponseUrl is { } url)
            {
                await slack.RespondAsync(url, SlackMessage.Ephemeral("I could not open the form; please click again, or use `/feedback`."), ct);
            }

            return;
        }

        // A button value is at most 2,000 characters, so the key always fits the form's private_metadata.
        var shiftKey = string.IsNullOrWhiteSpace(action.Value) ? null : action.Value;
        await slack.OpenViewAsync(payload.TriggerId, modals.New(shiftKey: shiftKey), ct);
    }
}
