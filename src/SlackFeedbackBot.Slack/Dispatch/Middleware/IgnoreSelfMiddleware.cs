using System.Text.Json;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Slack.Dispatch.Middleware;

/// <summary>
/// Drops events the bot caused itself (its own posts come back as message events), so it never answers itself.
/// The bot joining or leaving a channel is kept: that is news to the bot.
/// </summary>
public sealed class IgnoreSelfMiddleware(SlackBotIdentity identity) : ISlackMiddleware
{
    public async Task InvokeAsync(SlackRequestContext context, Func<Task> next)
    {
        if (context.Kind == SlackRequestKind.Event && IsOwn(context.Payload, await identity.GetAsync(context.Cancellation)))
        {
            context.Ignore("the bot's own event");
            return;
        }

        await next();
    }

    private static bool IsOwn(JsonElement root, AuthTestResponse me)
    {
        var type = SlackPayloadFields.At(root, "event", "type");
        var user = SlackPayloadFields.UserId(SlackRequestKind.Event, root);
        return Same(SlackPayloadFields.At(root, "event", "bot_id"), me.BotId)
            || (Same(user, me.UserId) && type is not ("member_joined_channel" or "member_left_channel"))
            || Same(SlackPayloadFields.At(root, "event", "message", "bot_id"), me.BotId);
    }

    private static bool Same(string? value, string? ours) => value is not null && string.Equals(value, ours, StringComparison.Ordinal);
}
