using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary>The feedback form submitted (from /feedback or the global shortcut): validates inline, then saves.</summary>
public sealed class NewFeedbackSubmission(FeedbackService service, FeedbackModals modals) : IViewSubmissionHandler
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
            Link = form.Link,
            ReporterId = submission.User.Id,
            ReporterName = submission.User.Name ?? submission.User.Username,
            CapturePath = CapturePaths.Modal,
        }, ct);
        return outcome.Item is { } item
            ? ViewSubmissionResponse.Update(modals.Saved(item, outcome.IsNew))
            : ViewSubmissionResponse.WithErrors(new Dictionary<string, string> { [FeedbackModals.TextBlock] = outcome.Problem! });
    }
}
