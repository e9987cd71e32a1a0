using System.Text;
using Microsoft.Extensions.Logging;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Feedback;

/// <summary><c>/feedback [customer:X] [source:Y] [importance:Z] text [why:…]</c>: stores and classifies the text.</summary>
public sealed class CaptureFromCommand(FeedbackService service, FeedbackReplies replies, ISlackApiClient slack, ILogger<CaptureFromCommand> log)
{
    private const int EchoLength = 2500;

    /// <summary>The reply; null for a command handled again after a crash (same trigger_id), which was answered the first time.</summary>
    public async Task<SlackMessage?> RunAsync(SlashCommand command, CancellationToken ct)
    {
        var fields = InlineFields.Parse(command.Text);
        if (fields.Error is not null)
        {
            return SlackMessage.Ephemeral($"{fields.Error} Nothing was saved; here is what you wrote:\n```{SlackText.Truncate(command.Text, EchoLength)}```");
        }

        var captureKey = string.IsNullOrEmpty(command.TriggerId) ? null : $"cmd:{command.TriggerId}";
        var outcome = await service.CaptureAsync(new FeedbackCapture
        {
            Text = fields.Text,
            Customer = fields.Customer,
            Source = fields.Source,
            Importance = fields.Importance,
            Why = fields.Why,
            Link = fields.Link,
            ReporterId = command.UserId,
            ReporterName = command.UserName,
            CapturePath = CapturePaths.Command,
            CaptureKey = captureKey,
        }, ct);
        if (outcome.Item is { } item)
        {
            return outcome.IsNew || captureKey is null ? replies.Captured(item, outcome.IsNew, 1, fields.LinkNotice, outcome.Standing, outcome.Offer) : null;
        }

        if (fields.Text.Length <= service.Options.MaxTextLength)
        {
            return SlackMessage.Ephemeral(outcome.Problem!);
        }

        return SlackMessage.Ephemeral(outcome.Problem + await ReturnTextAsync(command, ct));
    }

    /// <summary>Too long to save is no reason to lose it: the whole text goes back to the person as a file in a DM.</summary>
    private async Task<string> ReturnTextAsync(SlashCommand command, CancellationToken ct)
    {
        var start = $"\nIt starts:\n```{SlackText.Truncate(command.Text, EchoLength)}```";
        try
        {
            var dm = await slack.OpenConversationAsync([command.UserId], ct);
            await slack.UploadFileAsync(new FileUpload("feedback.txt", Encoding.UTF8.GetBytes(SlackCommandText.AsTyped(command.Text)))
            {
                Title = "Your feedback text (too long to save)",
                ChannelId = dm,
                InitialComment = "Here is the full text you wrote, so nothing is lost.",
            }, ct);
            return "\nI sent you the full text as a file in a DM, so nothing is lost." + start;
        }
        catch (SlackApiException ex)
        {
            log.LogWarning("Could not send a too-long feedback text back to {User}: {Error}", command.UserId, ex.ErrorCode);
            return start;
        }
    }
}
