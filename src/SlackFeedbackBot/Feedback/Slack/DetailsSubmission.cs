using System.Globalization;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary>The "Add details" form submitted: fills in customer, source, importance and link of an item.</summary>
public sealed class DetailsSubmission(FeedbackService service, FeedbackModals modals) : IViewSubmissionHandler
{
    public Task<ViewSubmissionResponse?> HandleAsync(ViewSubmissionPayload submission, CancellationToken ct)
    {
        var form = FeedbackModals.Read(submission.View);
        var errors = modals.Validate(form, requireText: false);
        if (errors.Count > 0)
        {
            return Task.FromResult<ViewSubmissionResponse?>(ViewSubmissionResponse.WithErrors(errors));
        }

        if (!long.TryParse(submission.View.PrivateMetadata, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return Task.FromResult<ViewSubmissionResponse?>(ViewSubmissionResponse.WithErrors(new Dictionary<string, string> { [FeedbackModals.CustomerBlock] = "This form lost track of its item; please open it again." }));
        }

        var outcome = service.AddDetails(id, form.Customer, form.Source, form.Importance, form.Link);
        return Task.FromResult<ViewSubmissionResponse?>(outcome.Item is null
            ? ViewSubmissionResponse.WithErrors(new Dictionary<string, string> { [FeedbackModals.CustomerBlock] = outcome.Problem! })
            : null);
    }
}
