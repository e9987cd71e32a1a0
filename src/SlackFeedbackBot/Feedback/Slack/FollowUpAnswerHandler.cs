using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Outbox;

namespace SlackFeedbackBot.Feedback;

/// <summary>A thread reply by the person the follow-up question was put to: kept as the answer, acknowledged with a reaction.</summary>
public sealed class FollowUpAnswerHandler(FeedbackService service, ISlackOutbox outbox) : IEventHandler
{
    public const string EventType = "message";
    public const string AnsweredReaction = "memo";

    public async Task HandleAsync(EventCallback callback, CancellationToken ct)
    {
        var evt = callback.Event;
        if (evt.Subtype is not null || evt.BotId is not null || evt.Channel is not { } channel || evt.User is not { } user
            || evt.ThreadTs is not { } threadTs || evt.Ts is not { } ts || threadTs == ts)
        {
            return;
        }

        if (service.FollowUpAnswered(channel, threadTs, user, evt.Text) is null)
        {
            return;
        }

        await outbox.EnqueueAsync($"answered:{channel}:{ts}", SlackEffects.Reaction(channel, ts, AnsweredReaction), ct);
    }
}
