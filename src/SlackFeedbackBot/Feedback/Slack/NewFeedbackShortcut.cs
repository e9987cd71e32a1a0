using Microsoft.Extensions.Logging;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary>The global shortcut "New feedback": opens the feedback form.</summary>
public sealed class NewFeedbackShortcut(ISlackApiClient slack, FeedbackModals modals, ILogger<NewFeedbackShortcut> log) : IGlobalShortcutHandler
{
    public const string CallbackId = "new_feedback";

    public async Task HandleAsync(ShortcutPayload shortcut, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(shortcut.TriggerId))
        {
            log.LogWarning("The new_feedback shortcut from {User} came without a trigger_id; no form can be opened", shortcut.User.Id);
            return;
        }

        await slack.OpenViewAsync(shortcut.TriggerId, modals.New(), ct);
    }
}
