using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Outbox;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// What the bot says in Slack after capturing a message: a thread reply (with the follow-up question for a new
/// item) or just a reaction, as configured. Each goes through the outbox under a key of the item, so a capture handled
/// again (a replayed event) completes what the first run left undone and never says it twice. Whoever captured it (by
/// reaction or mention) also gets the confirmation every capture path gives, just for them: bucket, rule, change
/// bucket, add details.
/// </summary>
public sealed class MessageCaptureConfirmation(
    ISlackOutbox outbox,
    FeedbackService service,
    FeedbackBuckets buckets,
    FeedbackReplies replies,
    IOptions<FeedbackOptions> options)
{
    public static string ConfirmKey(long itemId, string reporter) => $"confirm:{itemId}:{reporter}";

    public static string CardKey(long itemId, string reporter) => $"confirm-card:{itemId}:{reporter}";

    public static string FollowUpKey(long itemId) => $"followup:{itemId}";

    /// <summary>Confirms a reaction capture of the message <paramref name="ts"/> (in the thread <paramref name="threadTs"/>).</summary>
    public async Task ConfirmReactionAsync(CaptureOutcome outcome, string reporter, string channel, string ts, string threadTs, CancellationToken ct)
    {
        var item = outcome.Item!;
        var settings = options.Value;
        await SendCardAsync(outcome, reporter, channel, ct);
        if (settings.ReactionConfirmation == ReactionConfirmation.Reaction)
        {
            await outbox.EnqueueAsync(ConfirmKey(item.Id, reporter), SlackEffects.Reaction(channel, ts, FeedbackOptions.ReactionName(settings.ConfirmationReaction)), ct);
            return;
        }

        // The first reporter made the item, also when this is that capture handled again after a crash.
        var first = IsFirstReport(outcome, reporter);
        var text = first
            ? $"<@{reporter}> captured this as feedback #{item.Id} ({buckets.Display(item.Bucket)})."
            : $"<@{reporter}> added their report to feedback #{item.Id} ({buckets.Display(item.Bucket)}).";
        if (first && settings.FollowUpQuestion)
        {
            // Noted before it is asked: a reply can arrive before the post's own answer does.
            service.FollowUpAsked(item.Id, channel, threadTs, reporter);
            await outbox.EnqueueAsync(FollowUpKey(item.Id), SlackEffects.ThreadReply(channel, threadTs, new SlackMessage { Text = text + " " + settings.FollowUpText }), ct);
            return;
        }

        await outbox.EnqueueAsync(ConfirmKey(item.Id, reporter), SlackEffects.ThreadReply(channel, threadTs, new SlackMessage { Text = text }), ct);
    }

    /// <summary>
    /// Confirms an <c>@feedback-bot</c> capture in the thread <paramref name="threadTs"/> (always a reply: the person
    /// asked the bot, so the bot answers), with the follow-up question for a new item when <paramref name="askFollowUp"/>.
    /// </summary>
    public async Task ConfirmMentionAsync(CaptureOutcome outcome, string author, string channel, string threadTs, bool askFollowUp, CancellationToken ct)
    {
        var item = outcome.Item!;
        var settings = options.Value;
        var first = IsFirstReport(outcome, author);
        await SendCardAsync(outcome, author, channel, ct);
        askFollowUp = askFollowUp && first && settings.FollowUpQuestion;
        var text = first
            ? $"<@{author}> Thanks, saved as feedback #{item.Id} ({buckets.Display(item.Bucket)})."
            : $"<@{author}> This message is feedback #{item.Id} already ({buckets.Display(item.Bucket)}); your report was added.";
        if (askFollowUp)
        {
            service.FollowUpAsked(item.Id, channel, threadTs, author);
            await outbox.EnqueueAsync(FollowUpKey(item.Id), SlackEffects.ThreadReply(channel, threadTs, new SlackMessage { Text = text + " " + settings.FollowUpText }), ct);
            return;
        }

        await outbox.EnqueueAsync(ConfirmKey(item.Id, author), SlackEffects.ThreadReply(channel, threadTs, new SlackMessage { Text = text }), ct);
    }

    /// <summary>
    /// Confirms a message captured in a listened channel: its author gets the card, and for a new item the thread
    /// gets the follow-up question (once per item), in the words of a mention's answer.
    /// </summary>
    public async Task ConfirmPassiveAsync(CaptureOutcome outcome, string author, string channel, string ts, CancellationToken ct)
    {
        var item = outcome.Item!;
        await SendCardAsync(outcome, author, channel, ct);
        if (!options.Value.FollowUpQuestion || !IsFirstReport(outcome, author))
        {
            return;
        }

        service.FollowUpAsked(item.Id, channel, ts, author);
        await outbox.EnqueueAsync(
            FollowUpKey(item.Id),
            SlackEffects.ThreadReply(channel, ts, new SlackMessage { Text = $"<@{author}> Thanks, saved as feedback #{item.Id} ({buckets.Display(item.Bucket)}). {options.Value.FollowUpText}" }),
            ct);
    }

    /// <summary>
    /// Confirms a capture made in a form (the modal, the message shortcut): the card, with its buttons, by direct
    /// message, since a form has no channel to answer in. Once per item and person, like every card.
    /// </summary>
    public Task ConfirmFormAsync(CaptureOutcome outcome, string reporter, CancellationToken ct)
    {
        var item = outcome.Item!;
        var card = replies.CapturedByDirectMessage(item, IsFirstReport(outcome, reporter), service.ReportCount(item.Id), outcome.Standing);
        return outbox.EnqueueAsync(CardKey(item.Id, reporter), SlackEffects.DirectMessage(reporter, card), ct);
    }

    private Task SendCardAsync(CaptureOutcome outcome, string person, string channel, CancellationToken ct)
    {
        var item = outcome.Item!;
        var card = replies.Captured(item, IsFirstReport(outcome, person), service.ReportCount(item.Id), standing: outcome.Standing, offer: outcome.Offer);
        return outbox.EnqueueAsync(CardKey(item.Id, person), SlackEffects.Ephemeral(channel, person, card), ct);
    }

    /// <summary>
    /// A listened-channel capture that looks like an open issue: its author alone is asked, the same card as every
    /// capture path, once per item.
    /// </summary>
    private static bool IsFirstReport(CaptureOutcome outcome, string reporter) =>
        outcome.IsNew || string.Equals(outcome.Item!.ReporterId, reporter, StringComparison.Ordinal);
}
