using System.Text.Json;
using System.Text.Json.Nodes;
using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Slack.Outbox;

/// <summary>The handlers of <see cref="SlackEffects"/>' kinds.</summary>
public static class BuiltInEffectHandlers
{
    internal static string Required(JsonObject payload, string name) =>
        (string?)payload[name] is { Length: > 0 } value ? value : throw new JsonException($"The outbox payload has no {name}.");
}

public sealed class PostEffect(ISlackApiClient slack) : IOutboxTaskHandler
{
    public string Kind => SlackEffects.PostKind;

    public Task<string?> RunAsync(OutboxTaskContext task, CancellationToken ct) =>
        new OutboxPost(slack).PostOnceAsync(task, BuiltInEffectHandlers.Required(task.Payload, "channel"), StoredMessage.FromJson(task.Payload["message"]), ct);
}

public sealed class EphemeralEffect(ISlackApiClient slack) : IOutboxTaskHandler
{
    public string Kind => SlackEffects.EphemeralKind;

    public Task<string?> RunAsync(OutboxTaskContext task, CancellationToken ct) =>
        slack.PostEphemeralAsync(
            BuiltInEffectHandlers.Required(task.Payload, "channel"), BuiltInEffectHandlers.Required(task.Payload, "user"), StoredMessage.FromJson(task.Payload["message"]), ct);
}

public sealed class DirectMessageEffect(ISlackApiClient slack, IOutboxStore outbox) : IOutboxTaskHandler
{
    private const string ChannelField = "dm_channel";

    public string Kind => SlackEffects.DirectMessageKind;

    public async Task<string?> RunAsync(OutboxTaskContext task, CancellationToken ct)
    {
        var message = StoredMessage.FromJson(task.Payload["message"]);
        if ((string?)task.Payload[ChannelField] is { Length: > 0 } known)
        {
            return await new OutboxPost(slack).PostOnceAsync(task, known, message, ct);
        }

        // The DM is kept before the post goes out, so a post in doubt always knows where to look. A task in doubt without
        // one never reached chat.postMessage. conversations.open answers the same DM every time, so opening again is harmless.
        var channel = await slack.OpenConversationAsync([BuiltInEffectHandlers.Required(task.Payload, "user")], ct);
        await outbox.RememberAsync(task.Id, ChannelField, channel);
        return await new OutboxPost(slack).PostOnceAsync(task with { InDoubtSince = null }, channel, message, ct);
    }
}

public sealed class ReactionEffect(ISlackApiClient slack) : IOutboxTaskHandler
{
    public string Kind => SlackEffects.ReactionKind;

    public async Task<string?> RunAsync(OutboxTaskContext task, CancellationToken ct)
    {
        await slack.AddReactionAsync(
            BuiltInEffectHandlers.Required(task.Payload, "channel"), BuiltInEffectHandlers.Required(task.Payload, "ts"), BuiltInEffectHandlers.Required(task.Payload, "name"), ct);
        return null;
    }
}

public sealed class UpdateEffect(ISlackApiClient slack) : IOutboxTaskHandler
{
    public string Kind => SlackEffects.UpdateKind;

    public async Task<string?> RunAsync(OutboxTaskContext task, CancellationToken ct)
    {
        var response = await slack.UpdateMessageAsync(
            BuiltInEffectHandlers.Required(task.Payload, "channel"), BuiltInEffectHandlers.Required(task.Payload, "ts"), StoredMessage.FromJson(task.Payload["message"]), ct);
        return response.Ts;
    }
}

public sealed class RespondEffect(ISlackApiClient slack) : IOutboxTaskHandler
{
    public string Kind => SlackEffects.RespondKind;

    public async Task<string?> RunAsync(OutboxTaskContext task, CancellationToken ct)
    {
        await slack.RespondAsync(BuiltInEffectHandlers.Required(task.Payload, "url"), StoredMessage.FromJson(task.Payload["message"]), ct);
        return null;
    }
}
