using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// New top-level messages from people in the listening channels become items; joins, bots, thread replies,
/// emoji-only and thank-you messages are left alone, and so are messages that mention the bot: Slack sends those
/// again as <c>app_mention</c>, which <see cref="MentionCaptureHandler"/> captures (once, and answers in the thread).
/// </summary>
public sealed class PassiveCaptureHandler(
    FeedbackService service,
    SlackBotIdentity identity,
    MessagePermalinks permalinks,
    MessageCaptureConfirmation confirmation,
    IOptions<FeedbackOptions> options) : IEventHandler
{
    public const string EventType = "message";

    // Subtypes that are a person saying something new (Bolt's "only new messages" rule, minus bots).
    private static readonly HashSet<string> NewMessageSubtypes = ["thread_broadcast", "file_share"];

    public async Task HandleAsync(EventCallback callback, CancellationToken ct)
    {
        var evt = callback.Event;
        if (evt.Channel is not { } channel || evt.Ts is not { } ts || evt.User is not { } author
            || !options.Value.PassiveChannels.Contains(channel, StringComparer.Ordinal)
            || (evt.Subtype is not null && !NewMessageSubtypes.Contains(evt.Subtype))
            || evt.BotId is not null
            || (evt.ThreadTs is not null && evt.ThreadTs != ts && evt.Subtype != "thread_broadcast")
            || !PassiveMessageFilter.IsWorthCapturing(evt.Text)
            || SlackText.Mentions(evt.Text, (await identity.GetAsync(ct)).UserId))
        {
            return;
        }

        var outcome = await service.CaptureAsync(new FeedbackCapture
        {
            Text = evt.Text!,
            ReporterId = author,
            AuthorId = author,
            ChannelId = channel,
            MessageTs = ts,
            CapturePath = CapturePaths.Passive,
        }, ct);

        // Also when the item is not new: this may be the same event handled again after a crash, and the outbox keys
        // make sure the link is fetched and the question asked once.
        if (outcome.Item is { } item)
        {
            await permalinks.RequestAsync(item.Id, channel, ts, ct);
            await confirmation.AskFollowUpAsync(item, author, channel, ts, ct);
            await confirmation.OfferIssueAsync(outcome, author, channel, ct);
        }
    }
}
