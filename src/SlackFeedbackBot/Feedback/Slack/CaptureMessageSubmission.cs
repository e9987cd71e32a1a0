using Microsoft.Extensions.Logging;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary>The "Capture as feedback" form submitted: saves the message as an item with a permalink back to it.</summary>
public sealed class CaptureMessageSubmission(FeedbackService service, FeedbackModals modals, MessagePermalinks permalinks, MessageCaptureConfirmation confirmation) : IViewSubmissionHandler
{
    public async Task<ViewSubmissionResponse?> HandleAsync(ViewSubmissionPayload submission, CancellationToken ct)
    {
        var form = FeedbackModals.Read(submission.View);
        var errors = modals.Validate(form, requireText: true);
        if (errors.Count > 0)
        {
            return ViewSubmissionResponse.WithErrors(errors);
        }

        var context = FeedbackModals.ReadContext(submission.View);
        var outcome = await service.CaptureAsync(new FeedbackCapture
        {
            Text = form.Text!,
            Customer = form.Customer,
            Source = form.Source,
            Importance = form.Importance,
            Why = form.Why,
            Link = form.Link,
            ReporterId = submission.User.Id,
            ReporterName = submission.User.Name ?? submission.User.Username,
            AuthorId = context?.AuthorId,
            ChannelId = context?.ChannelId,
            MessageTs = context?.MessageTs,
            CapturePath = CapturePaths.MessageShortcut,
        }, ct);
        if (outcome.Item is { } captured && context is { ChannelId: { } channel, MessageTs: { } ts })
        {
            await permalinks.RequestAsync(captured.Id, channel, ts, ct);
        }

        if (outcome.Item is not { } item)
        {
            return ViewSubmissionResponse.WithErrors(new Dictionary<string, string> { [FeedbackModals.TextBlock] = outcome.Problem! });
        }

        await confirmation.ConfirmFormAsync(outcome, submission.User.Id, ct);
        return ViewSubmissionResponse.Update(modals.Saved(item, outcome.IsNew, service.ReportCount(item.Id), outcome.Standing, outcome.Offer));
    }
}
