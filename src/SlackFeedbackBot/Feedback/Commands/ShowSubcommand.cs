using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary><c>/feedback show N</c>: one item with every report, bucket change, follow-up answer and resolution.</summary>
public sealed class ShowSubcommand(FeedbackService service, FeedbackReplies replies) : IFeedbackSubcommand
{
    public string Name => "show";

    public string Usage => "`/feedback show 12`: everything about item 12";

    public Task<SlackMessage> RunAsync(SlashCommand command, string arguments, CancellationToken ct)
    {
        if (!ItemNumber.TryParse(arguments.Trim(), out var id))
        {
            return Task.FromResult(SlackMessage.Ephemeral("Which item? Write its number: `/feedback show 12`"));
        }

        return Task.FromResult(service.Show(id) is { } details ? replies.Details(details) : SlackMessage.Ephemeral(FeedbackService.NoSuchItem(id)));
    }
}
