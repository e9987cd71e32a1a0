using System.Text.Json.Nodes;
using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Slack.Outbox;

/// <summary>The built-in outbox tasks, one per common Slack effect; run by the handlers in <see cref="BuiltInEffectHandlers"/>.</summary>
public static class SlackEffects
{
    public const string PostKind = "slack.post";
    public const string EphemeralKind = "slack.ephemeral";
    public const string DirectMessageKind = "slack.dm";
    public const string ReactionKind = "slack.reaction";
    public const string UpdateKind = "slack.update";
    public const string RespondKind = "slack.respond";

    /// <summary>chat.postMessage to a channel; it takes that channel's posting slot.</summary>
    public static OutboxTask Post(string channel, SlackMessage message)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        return new(PostKind, new JsonObject { ["channel"] = channel, ["message"] = StoredMessage.ToJson(message with { ResponseType = null }) }, channel);
    }

    /// <summary>A reply in the thread of <paramref name="threadTs"/>.</summary>
    public static OutboxTask ThreadReply(string channel, string threadTs, SlackMessage message) =>
        Post(channel, message with { ThreadTs = threadTs });

    public static OutboxTask Ephemeral(string channel, string user, SlackMessage message) =>
        new(EphemeralKind, new JsonObject { ["channel"] = channel, ["user"] = user, ["message"] = StoredMessage.ToJson(message) });

    /// <summary>A direct message from the bot: conversations.open, then chat.postMessage in the DM.</summary>
    public static OutboxTask DirectMessage(string user, SlackMessage message)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        return new(DirectMessageKind, new JsonObject { ["user"] = user, ["message"] = StoredMessage.ToJson(message with { ResponseType = null }) });
    }

    public static OutboxTask Reaction(string channel, string ts, string name) =>
        new(ReactionKind, new JsonObject { ["channel"] = channel, ["ts"] = ts, ["name"] = name });

    public static OutboxTask Update(string channel, string ts, SlackMessage message) =>
        new(UpdateKind, new JsonObject { ["channel"] = channel, ["ts"] = ts, ["message"] = StoredMessage.ToJson(message) });

    /// <summary>A post to a slash command's or interaction's response_url (valid for 30 minutes, five posts).</summary>
    public static OutboxTask Respond(string responseUrl, SlackMessage message) =>
        new(RespondKind, new JsonObject { ["url"] = responseUrl, ["message"] = StoredMessage.ToJson(message) });
}
