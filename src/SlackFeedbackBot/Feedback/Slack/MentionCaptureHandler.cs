using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Outbox;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// <c>@feedback-bot &lt;text&gt;</c> (<c>app_mention</c>): saves the text after the mention as feedback from the
/// person who wrote it, linked to their message, and confirms in its thread; <c>@feedback-bot help</c> answers
/// there with how to use it. In a listened channel the same message also arrives as a <c>message</c> event; the
/// passive capture leaves messages that mention the bot to this handler, so it is saved once.
/// </summary>
public sealed class MentionCaptureHandler(
    FeedbackService service,
    SlackBotIdentity identity,
    MessagePermalinks permalinks,
    ISlackOutbox outbox,
    MessageCaptureConfirmation confirmation) : IEventHandler
{
    public const string EventType = "app_mention";

    public const string Help =
        "Mention me with what a customer said and I save it as feedback, linked to your message: "
        + "`@feedback-bot Acme can't find the export button`. Add context with `customer:Acme`, `source:sales`, `importance:high`. "
        + "`/feedback help` lists everything else.";

    public async Task HandleAsync(EventCallback callback, CancellationToken ct)
    {
        var evt = callback.Event;
        if (evt.Channel is not { } channel || evt.Ts is not { } ts || evt.User is not { } author || evt.BotId is not null)
        {
            return;
        }

        var me = await identity.GetAsync(ct);
        var text = SlackText.WithoutLeadingMention(evt.Text, me.UserId);
        var threadTs = evt.ThreadTs ?? ts;
        if (text.Length == 0 || text.Equals("help", StringComparison.OrdinalIgnoreCase) || text == "?")
        {
            await ReplyAsync(channel, ts, threadTs, $"<@{author}> {Help}", ct);
            return;
        }

        var fields = InlineFields.Parse(text);
        if (fields.Error is not null)
        {
            await ReplyAsync(channel, ts, threadTs, $"<@{author}> {fields.Error} Nothing was saved; mention me again with it fixed.", ct);
            return;
        }

        var outcome = await service.CaptureAsync(new FeedbackCapture
        {
            Text = fields.Text,
            Customer = fields.Customer,
            Source = fields.Source,
            Importance = fields.Importance,
            Why = fields.Why,
            Link = fields.Link,
            ReporterId = author,
            AuthorId = author,
            ChannelId = channel,
            MessageTs = ts,
            CapturePath = CapturePaths.Mention,
        }, ct);
        if (outcome.Item is null)
        {
            await ReplyAsync(channel, ts, threadTs, $"<@{author}> {outcome.Problem}", ct);
            return;
        }

        // A redelivered event confirms under the same outbox keys: what the first run did is not done again. Who said
        // why it matters already is not asked again.
        await permalinks.RequestAsync(outcome.Item.Id, channel, ts, ct);
        await confirmation.ConfirmMentionAsync(outcome, author, channel, threadTs, askFollowUp: threadTs == ts && fields.Why is null, ct);
    }

    // One answer per mention, keyed by the mention's own message.
    private Task ReplyAsync(string channel, string ts, string threadTs, string text, CancellationToken ct) =>
        outbox.EnqueueAsync($"mention:{channel}:{ts}", SlackEffects.ThreadReply(channel, threadTs, new SlackMessage { Text = text }), ct);

}
