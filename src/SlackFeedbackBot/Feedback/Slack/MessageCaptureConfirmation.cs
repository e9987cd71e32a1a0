using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// What the bot says in Slack after capturing a message: a thread reply (with the follow-up question for a new
/// item) or just a reaction, as configured. Slack refusing to post never undoes the capture.
/// </summary>
public sealed class MessageCaptureConfirmation(
    ISlackApiClient slack,
    FeedbackService service,
    FeedbackBuckets buckets,
    IOptions<FeedbackOptions> options,
    ILogger<MessageCaptureConfirmation> log)
{
    /// <summary>Confirms a reaction capture of the message <paramref name="ts"/> (in the thread <paramref name="threadTs"/>).</summary>
    public async Task ConfirmReactionAsync(CaptureOutcome outcome, string reporter, string channel, string ts, string threadTs, CancellationToken ct)
    {
        var item = outcome.Item!;
        var settings = options.Value;
        try
        {
            if (settings.ReactionConfirmation == ReactionConfirmation.Reaction)
            {
                await slack.AddReactionAsync(channel, ts, FeedbackOptions.ReactionName(settings.ConfirmationReaction), ct);
                return;
            }

            var text = outcome.IsNew
                ? $"<@{reporter}> captured this as feedback #{item.Id} ({buckets.Display(item.Bucket)})."
                : $"<@{reporter}> added their report to feedback #{item.Id} ({buckets.Display(item.Bucket)}).";
            var askFollowUp = outcome.IsNew && settings.FollowUpQuestion;
            if (askFollowUp)
            {
                text += " " + settings.FollowUpText;
            }

            await slack.PostMessageAsync(channel, new SlackMessage { Text = text, ThreadTs = threadTs }, ct);
            if (askFollowUp)
            {
                service.FollowUpAsked(item.Id, channel, threadTs, reporter);
            }
        }
        catch (SlackApiException ex) when (ex.ErrorCode == "already_reacted")
        {
            // Someone (or an earlier delivery) confirmed it already.
        }
        catch (SlackApiException ex)
        {
            log.LogWarning("Captured feedback #{ItemId} but could not confirm it in {Channel}: {Error}", item.Id, channel, ex.ErrorCode);
        }
    }

    /// <summary>
    /// Confirms an <c>@feedback-bot</c> capture in the thread <paramref name="threadTs"/> (always a reply: the person
    /// asked the bot, so the bot answers), with the follow-up question for a new item when <paramref name="askFollowUp"/>.
    /// </summary>
    public async Task ConfirmMentionAsync(CaptureOutcome outcome, string author, string channel, string threadTs, bool askFollowUp, CancellationToken ct)
    {
        var item = outcome.Item!;
        var settings = options.Value;
        askFollowUp = askFollowUp && outcome.IsNew && settings.FollowUpQuestion;
        var text = outcome.IsNew
            ? $"<@{author}> Thanks, saved as feedback #{item.Id} ({buckets.Display(item.Bucket)})."
            : $"<@{author}> This message is feedback #{item.Id} already ({buckets.Display(item.Bucket)}); your report was added.";
        if (askFollowUp)
        {
            text += " " + settings.FollowUpText;
        }

        try
        {
            await slack.PostMessageAsync(channel, new SlackMessage { Text = text, ThreadTs = threadTs }, ct);
            if (askFollowUp)
            {
                service.FollowUpAsked(item.Id, channel, threadTs, author);
            }
        }
        catch (SlackApiException ex)
        {
            log.LogWarning("Captured feedback #{ItemId} but could not confirm it in {Channel}: {Error}", item.Id, channel, ex.ErrorCode);
        }
    }

    /// <summary>Asks the author of a passively captured message the follow-up question in its thread.</summary>
    public async Task AskFollowUpAsync(FeedbackItem item, string author, string channel, string ts, CancellationToken ct)
    {
        if (!options.Value.FollowUpQuestion)
        {
            return;
        }

        // Noted before it is asked: a reply can arrive before the post's own answer does.
        service.FollowUpAsked(item.Id, channel, ts, author);
        try
        {
            await slack.PostMessageAsync(channel, new SlackMessage { Text = $"<@{author}> Thanks, noted as feedback #{item.Id}. {options.Value.FollowUpText}", ThreadTs = ts }, ct);
        }
        catch (SlackApiException ex)
        {
            log.LogWarning("Could not ask the follow-up question for feedback #{ItemId} in {Channel}: {Error}", item.Id, channel, ex.ErrorCode);
        }
    }
}
