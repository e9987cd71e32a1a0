using Microsoft.Extensions.Logging;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// The "Add details" form submitted: fills in customer, source, importance, why and link of an item, then updates the capture
/// reply the form was opened from, so it no longer shows the old details.
/// </summary>
public sealed class DetailsSubmission(
    FeedbackService service,
    FeedbackModals modals,
    FeedbackReplies replies,
    ISlackApiClient slack,
    ILogger<DetailsSubmission> log) : IViewSubmissionHandler
{
    public async Task<ViewSubmissionResponse?> HandleAsync(ViewSubmissionPayload submission, CancellationToken ct)
    {
        var form = FeedbackModals.Read(submission.View);
        var errors = modals.Validate(form, requireText: false);
        if (errors.Count > 0)
        {
            return ViewSubmissionResponse.WithErrors(errors);
        }

        if (FeedbackModals.ReadDetailsContext(submission.View) is not { } context)
        {
            return ViewSubmissionResponse.WithErrors(new Dictionary<string, string> { [FeedbackModals.CustomerBlock] = "This form lost track of its item; please open it again." });
        }

        var outcome = service.AddDetails(context.ItemId, form.Customer, form.Source, form.Importance, form.Link, form.Why, submission.User.Id);
        if (outcome.Item is not { } item)
        {
            return ViewSubmissionResponse.WithErrors(new Dictionary<string, string> { [FeedbackModals.CustomerBlock] = outcome.Problem! });
        }

        if (context.ResponseUrl is { } url)
        {
            try
            {
                var reports = service.Show(item.Id)?.Reports.Count ?? 1;
                await slack.RespondAsync(url, replies.Captured(item, isNew: true, reports, standing: await service.StandingAsync(item, ct)) with { ReplaceOriginal = true }, ct);
            }
            catch (SlackApiException ex)
            {
                // The details are saved either way; an expired response_url only leaves the old reply showing.
                log.LogInformation("Could not update the capture reply of feedback #{ItemId}: {Error}", item.Id, ex.ErrorCode);
            }
        }

        return null;
    }
}
