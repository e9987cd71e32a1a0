using System.Globalization;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary>The "Add details" button of a capture reply: opens the details form for that item.</summary>
public sealed class AddDetailsAction(FeedbackService service, FeedbackModals modals, ISlackApiClient slack) : IBlockActionHandler
{
    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken ct)
    {
        var item = long.TryParse(action.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? service.Get(id) : null;
        if (item is null || string.IsNullOrEmpty(payload.TriggerId))
        {
            if (payload.ResponseUrl is { } url)
            {
                await slack.RespondAsync(url, SlackMessage.Ephemeral(item is null ? FeedbackService.NoSuchItem(id) : "I could not open the form; please click again."), ct);
            }

            return;
        }

        await slack.OpenViewAsync(payload.TriggerId, modals.Details(item, payload.ResponseUrl, service.ReportFor(item.Id, payload.User.Id)), ct);
    }
}
