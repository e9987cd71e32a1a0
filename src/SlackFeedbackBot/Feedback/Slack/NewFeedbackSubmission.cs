using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// The feedback form submitted (from /feedback, the global shortcut or the end-of-shift button): validates inline, then
/// saves, tagged with the shift the form was opened for when there is one.
/// </summary>
public sealed class NewFeedbackSubmission(FeedbackService service, FeedbackModals modals, MessageCaptureConfirmation confirmation) : IViewSubmissionHandler
{
    public async Task<ViewSubmissionResponse?> HandleAsync(ViewSubmissionPayload submission, CancellationToken ct)
    {
        var form = FeedbackModals.Read(submission.View);
        var errors = modals.Validate(form, requireText: true);
        if (errors.Count > 0)
        {
            return ViewSubmissionResponse.WithErrors(errors);
        }

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
            CapturePath = CapturePaths.Modal,
            CaptureKey = submission.View.Id is { Length: > 0 } viewId ? $"view:{viewId}" : null,
            ShiftKey = FeedbackModals.ReadNewContext(submission.View)?.ShiftKey,
        }, ct);
        if (outcome.Item is not { } item)
        {
            return ViewSubmissionResponse.WithErrors(new Dictionary<string, string> { [FeedbackModals.TextBlock] = outcome.Problem! });
        }

        await confirmation.ConfirmFormAsync(outcome, submission.User.Id, ct);
        return ViewSubmissionResponse.Update(modals.Saved(item, outcome.IsNew, service.ReportCount(item.Id), outcome.Standing, outcome.Offer));
    }
}
