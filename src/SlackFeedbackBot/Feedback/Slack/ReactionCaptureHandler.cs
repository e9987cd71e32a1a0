using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary><c>reaction_added</c> with the capture emoji on a message: reads the message and captures it.</summary>
public sealed class ReactionCaptureHandler(
    FeedbackService service,
    SlackMessageReader reader,
    MessagePermalinks permalinks,
    MessageCaptureConfirmation confirmation,
    IOptions<FeedbackOptions> options,
    ILogger<ReactionCaptureHandler> log) : IEventHandler
{
    public const string EventType = "reaction_added";

    public async Task HandleAsync(EventCallback callback, CancellationToken ct)
    {
        var evt = callback.Event;
        if (evt.Reaction is null || evt.User is null || evt.Item is not { Type: "message", Channel: { } channel, Ts: { } ts }
            || !string.Equals(FeedbackOptions.ReactionName(evt.Reaction), options.Value.CaptureReactionName, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var message = await reader.ReadAsync(channel, ts, ct);
        if (message is null || string.IsNullOrWhiteSpace(message.Text))
        {
            log.LogInformation("The message {Channel}/{Ts} reacted to with :{Reaction}: could not be read or has no text; not captured", channel, ts, evt.Reaction);
            return;
        }

        var outcome = await service.CaptureAsync(new FeedbackCapture
        {
            Text = message.Text,
            ReporterId = evt.User,
            AuthorId = message.User ?? evt.ItemUser,
            ChannelId = channel,
            MessageTs = ts,
            CapturePath = CapturePaths.Reaction,
        }, ct);
        if (outcome.Item is null)
        {
            log.LogInformation("The message {Channel}/{Ts} was not captured: {Problem}", channel, ts, outcome.Problem);
            return;
        }

        // A redelivered event confirms again under the same outbox keys, which finish what the first run left undone.
        await permalinks.RequestAsync(outcome.Item.Id, channel, ts, ct);
        await confirmation.ConfirmReactionAsync(outcome, evt.User, channel, ts, message.ThreadTs ?? ts, ct);
    }

}
