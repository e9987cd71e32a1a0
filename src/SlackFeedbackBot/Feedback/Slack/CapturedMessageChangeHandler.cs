using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary>A captured message edited (<c>message_changed</c>) or deleted (<c>message_deleted</c>): its item follows.</summary>
public sealed class CapturedMessageChangeHandler(FeedbackService service) : IEventHandler
{
    public const string EventType = "message";

    public Task HandleAsync(EventCallback callback, CancellationToken ct)
    {
        var evt = callback.Event;
        if (evt.Channel is not { } channel)
        {
            return Task.CompletedTask;
        }

        switch (evt.Subtype)
        {
            case "message_changed" when evt.Message is { Ts: { } ts } message && message.Text != evt.PreviousMessage?.Text:
                service.MessageEdited(channel, ts, message.Text);
                break;
            case "message_deleted" when (evt.DeletedTs ?? evt.PreviousMessage?.Ts) is { } deleted:
                service.MessageDeleted(channel, deleted);
                break;
        }

        return Task.CompletedTask;
    }
}
