using Microsoft.Extensions.Logging;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary>The message shortcut "Capture as feedback": opens the form prefilled with the message and its author.</summary>
public sealed class CaptureMessageShortcut(ISlackApiClient slack, FeedbackModals modals, ILogger<CaptureMessageShortcut> log) : IMessageShortcutHandler
{
    public const string CallbackId = "capture_feedback";

    public async Task HandleAsync(ShortcutPayload shortcut, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(shortcut.TriggerId) || shortcut.Message is null || shortcut.Channel is null)
        {
            log.LogWarning("The capture_feedback shortcut from {User} came without a trigger, message or channel", shortcut.User.Id);
            return;
        }

        var message = shortcut.Message with { Ts = shortcut.Message.Ts ?? shortcut.MessageTs };
        await slack.OpenViewAsync(shortcut.TriggerId, modals.Capture(message, shortcut.Channel.Id), ct);
    }
}
