using System.Text.Json.Nodes;
using SlackFeedbackBot.Emulator.Delivery;
using SlackFeedbackBot.Emulator.Workspace;

namespace SlackFeedbackBot.Emulator;

/// <summary>What posting a user message did: its ts and the events delivered for it (null when the app was not subscribed, e.g. not in the channel).</summary>
public sealed record UserMessageResult(string Ts, DeliveryResult? MessageDelivery, DeliveryResult? MentionDelivery);

/// <summary>A user action the emulator cannot perform, e.g. clicking a button that does not exist; the message says what is there instead.</summary>
public sealed class EmulatorActionException(string message) : InvalidOperationException(message);

/// <summary>Acting as users: messages, edits, deletions, reactions and raw events.</summary>
public sealed partial class SlackEmulator
{
    /// <summary>
    /// Posts as a user: stores the message with a fresh ts and delivers a message event when the bot is in the conversation,
    /// plus app_mention when the text mentions the bot (&lt;@BOTUSERID&gt;) there (Slack sends none from a conversation the app is not in).
    /// </summary>
    public async Task<UserMessageResult> PostUserMessageAsync(string userId, string channelId, string text, string? threadTs = null, CancellationToken ct = default)
    {
        var user = HumanUser(userId);
        var channel = Channel(channelId);
        if (!channel.Members.Contains(user.Id)) Workspace.JoinChannel(channel.Id, user.Id);
        if (threadTs is not null && Workspace.FindMessage(channel.Id, threadTs) is null)
            throw new EmulatorActionException($"There is no message {threadTs} in {channel.Id} to reply to.");
        var message = Workspace.AddMessage(new StoredMessage(channel.Id, Workspace.Clock.NextTs(), user.Id, null, text) { ThreadTs = threadTs });

        DeliveryResult? messageDelivery = null, mentionDelivery = null;
        if (BotSees(channel))
        {
            var inner = UserMessageEvent(message, channel);
            if (threadTs is not null) inner["parent_user_id"] = Workspace.FindMessage(channel.Id, threadTs)?.User;
            messageDelivery = await DeliverEventAsync(inner, null, 0, ct);
        }
        if (!channel.IsIm && BotSees(channel) && text.Contains($"<@{BotUserId}>", StringComparison.Ordinal))
        {
            var mention = new JsonObject
            {
                ["type"] = "app_mention",
                ["user"] = user.Id,
                ["text"] = text,
                ["ts"] = message.Ts,
                ["channel"] = channel.Id,
                ["event_ts"] = message.Ts,
                ["team"] = TeamId,
            };
            if (threadTs is not null) mention["thread_ts"] = threadTs;
            mentionDelivery = await DeliverEventAsync(mention, null, 0, ct);
        }
        return new UserMessageResult(message.Ts, messageDelivery, mentionDelivery);
    }

    /// <summary>Edits a user's message and delivers message_changed (hidden; event.message is the new version, previous_message the old).</summary>
    public async Task<DeliveryResult?> EditUserMessageAsync(string channelId, string ts, string newText, CancellationToken ct = default)
    {
        var channel = Channel(channelId);
        var before = Workspace.FindMessage(channel.Id, ts) ?? throw new EmulatorActionException($"There is no message {ts} in {channel.Id}.");
        var eventTs = Workspace.Clock.NextTs();
        var after = Workspace.UpdateMessage(channel.Id, ts, m => m with { Text = newText, EditedTs = eventTs })!;
        if (!BotSees(channel)) return null;
        var afterJson = after.ToJson(TeamId);
        afterJson["edited"] = new JsonObject { ["user"] = after.User, ["ts"] = eventTs };
        return await DeliverEventAsync(new JsonObject
        {
            ["type"] = "message",
            ["subtype"] = "message_changed",
            ["hidden"] = true,
            ["channel"] = channel.Id,
            ["channel_type"] = channel.ChannelType,
            ["ts"] = eventTs,
            ["event_ts"] = eventTs,
            ["message"] = afterJson,
            ["previous_message"] = before.ToJson(TeamId),
        }, null, 0, ct);
    }

    /// <summary>Deletes a message and delivers message_deleted (hidden; deleted_ts names the message).</summary>
    public async Task<DeliveryResult?> DeleteUserMessageAsync(string channelId, string ts, CancellationToken ct = default)
    {
        var channel = Channel(channelId);
        var before = Workspace.DeleteMessage(channel.Id, ts) ?? throw new EmulatorActionException($"There is no message {ts} in {channel.Id}.");
        if (!BotSees(channel)) return null;
        var eventTs = Workspace.Clock.NextTs();
        return await DeliverEventAsync(new JsonObject
        {
            ["type"] = "message",
            ["subtype"] = "message_deleted",
            ["hidden"] = true,
            ["channel"] = channel.Id,
            ["channel_type"] = channel.ChannelType,
            ["ts"] = eventTs,
            ["event_ts"] = eventTs,
            ["deleted_ts"] = ts,
            ["previous_message"] = before.ToJson(TeamId),
        }, null, 0, ct);
    }

    /// <summary>Adds a user's reaction and delivers reaction_added (item_user only when a person wrote the message).</summary>
    public async Task<DeliveryResult?> AddReactionAsync(string userId, string channelId, string ts, string reaction, CancellationToken ct = default)
    {
        var user = HumanUser(userId);
        var channel = Channel(channelId);
        var message = Workspace.FindMessage(channel.Id, ts) ?? throw new EmulatorActionException($"There is no message {ts} in {channel.Id}.");
        var name = reaction.Trim(':');
        if (!Workspace.AddReaction(channel.Id, ts, name, user.Id)) throw new EmulatorActionException($"{user.Id} already reacted with :{name}: to {ts}.");
        if (!BotSees(channel)) return null;
        var inner = new JsonObject
        {
            ["type"] = "reaction_added",
            ["user"] = user.Id,
            ["reaction"] = name,
            ["item"] = new JsonObject { ["type"] = "message", ["channel"] = channel.Id, ["ts"] = ts },
            ["event_ts"] = Workspace.Clock.NextTs(),
        };
        if (message.User is not null && message.BotId is null) inner["item_user"] = message.User;
        return await DeliverEventAsync(inner, null, 0, ct);
    }

    /// <summary>Takes a user's reaction away and delivers reaction_removed, shaped like reaction_added.</summary>
    public async Task<DeliveryResult?> RemoveReactionAsync(string userId, string channelId, string ts, string reaction, CancellationToken ct = default)
    {
        var user = HumanUser(userId);
        var channel = Channel(channelId);
        var message = Workspace.FindMessage(channel.Id, ts) ?? throw new EmulatorActionException($"There is no message {ts} in {channel.Id}.");
        var name = reaction.Trim(':');
        if (!Workspace.RemoveReaction(channel.Id, ts, name, user.Id)) throw new EmulatorActionException($"{user.Id} has no :{name}: reaction on {ts} to remove.");
        if (!BotSees(channel)) return null;
        var inner = new JsonObject
        {
            ["type"] = "reaction_removed",
            ["user"] = user.Id,
            ["reaction"] = name,
            ["item"] = new JsonObject { ["type"] = "message", ["channel"] = channel.Id, ["ts"] = ts },
            ["event_ts"] = Workspace.Clock.NextTs(),
        };
        if (message.User is not null && message.BotId is null) inner["item_user"] = message.User;
        return await DeliverEventAsync(inner, null, 0, ct);
    }

    /// <summary>Edits <paramref name="userId"/>'s own message; anyone else's is refused, as Slack's client does.</summary>
    public Task<DeliveryResult?> EditOwnMessageAsync(string userId, string channelId, string ts, string newText, CancellationToken ct = default)
    {
        OwnMessage(userId, channelId, ts);
        if (string.IsNullOrWhiteSpace(newText)) throw new EmulatorActionException("A message can't be empty: delete it instead.");
        return EditUserMessageAsync(channelId, ts, newText, ct);
    }

    /// <summary>Deletes <paramref name="userId"/>'s own message; anyone else's is refused.</summary>
    public Task<DeliveryResult?> DeleteOwnMessageAsync(string userId, string channelId, string ts, CancellationToken ct = default)
    {
        OwnMessage(userId, channelId, ts);
        return DeleteUserMessageAsync(channelId, ts, ct);
    }

    private void OwnMessage(string userId, string channelId, string ts)
    {
        var user = HumanUser(userId);
        var channel = Channel(channelId);
        var message = Workspace.FindMessage(channel.Id, ts) ?? throw new EmulatorActionException($"There is no message {ts} in {channel.Id}.");
        if (message.User != user.Id || message.BotId is not null || message.EphemeralFor is not null)
            throw new EmulatorActionException("You can only edit or delete your own messages.");
    }

    /// <summary>Delivers any inner event wrapped in an event_callback. Re-use <paramref name="eventId"/> to test de-duplication; <paramref name="retryNum"/> marks it as a retry.</summary>
    public Task<DeliveryResult> SendEventAsync(JsonObject innerEvent, string? eventId = null, int retryNum = 0, CancellationToken ct = default) =>
        DeliverEventAsync(innerEvent, eventId, retryNum, ct);

    /// <summary>POSTs a raw body to <see cref="HttpDeliveryUrl"/>, signed correctly unless a signature or timestamp override is given.</summary>
    public Task<DeliveryResult> SendSignedRawAsync(string body, string contentType, string? signatureOverride = null, string? timestampOverride = null, CancellationToken ct = default) =>
        _deliverer.SendSignedRawAsync(body, contentType, signatureOverride, timestampOverride, ct);

    public Task<DeliveryResult> SendSignedRawAsync(byte[] body, string contentType, CancellationToken ct = default) =>
        _deliverer.SendSignedRawAsync(body, contentType, null, null, ct);

    /// <summary>The event_callback envelope Slack wraps every event in.</summary>
    public JsonObject EventCallback(JsonObject innerEvent, string eventId) => new()
    {
        ["token"] = "emulatorVerificationToken",
        ["team_id"] = TeamId,
        ["context_team_id"] = TeamId,
        ["context_enterprise_id"] = null,
        ["api_app_id"] = AppId,
        ["event"] = innerEvent.DeepClone(),
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = Time.GetUtcNow().ToUnixTimeSeconds(),
        ["authorizations"] = new JsonArray(new JsonObject
        {
            ["enterprise_id"] = null,
            ["team_id"] = TeamId,
            ["user_id"] = BotUserId,
            ["is_bot"] = true,
            ["is_enterprise_install"] = false,
        }),
        ["is_ext_shared_channel"] = false,
        ["event_context"] = "4-" + SlackIds.RandomHex(40),
    };

    public string NewEventId() => "Ev" + Workspace.Ids.Next('0')[1..];

    /// <summary>Delivers the bot's own post back to it as a message event, as Slack does; skipped when nothing is listening.</summary>
    internal void EchoBotMessage(StoredMessage message)
    {
        if (!Options.EchoBotMessages || (HttpDeliveryUrl is null && OpenSocketCount == 0)) return;
        var channel = Workspace.GetChannel(message.Channel);
        if (channel is null) return;
        var inner = message.ToJson(TeamId);
        inner["channel"] = channel.Id;
        inner["channel_type"] = channel.ChannelType;
        inner["event_ts"] = message.Ts;
        inner["app_id"] = AppId;
        var eventId = NewEventId();
        var request = new DeliveryRequest(DeliveryKind.EventsApi, EventCallback(inner, eventId)) { EventId = eventId, WaitForReceiver = false };
        RunInBackground(ct => _deliverer.DeliverAsync(request, ct));
    }

    private Task<DeliveryResult> DeliverEventAsync(JsonObject innerEvent, string? eventId, int retryNum, CancellationToken ct)
    {
        eventId ??= NewEventId();
        return DeliverAsync(new DeliveryRequest(DeliveryKind.EventsApi, EventCallback(innerEvent, eventId)) { EventId = eventId, FirstRetry = retryNum }, ct);
    }

    private async Task<DeliveryResult> DeliverAsync(DeliveryRequest request, CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _lifetime.Token);
        return await _deliverer.DeliverAsync(request, linked.Token);
    }

    private JsonObject UserMessageEvent(StoredMessage message, WorkspaceChannel channel)
    {
        var inner = new JsonObject
        {
            ["type"] = "message",
            ["user"] = message.User,
            ["text"] = message.Text,
            ["ts"] = message.Ts,
            ["client_msg_id"] = Guid.NewGuid().ToString(),
            ["team"] = TeamId,
            ["channel"] = channel.Id,
            ["event_ts"] = message.Ts,
            ["channel_type"] = channel.ChannelType,
        };
        if (message.ThreadTs is not null) inner["thread_ts"] = message.ThreadTs;
        return inner;
    }

    /// <summary>The app gets message events only from conversations its bot user is in.</summary>
    private bool BotSees(WorkspaceChannel channel) => channel.Members.Contains(BotUserId);

    private WorkspaceUser HumanUser(string userId)
    {
        var user = Workspace.GetUser(userId);
        if (user is null || user.IsBot)
            throw new EmulatorActionException($"No person with id {userId}. People: {string.Join(", ", Workspace.Users.Where(u => !u.IsBot).Select(u => $"{u.Id} ({u.Name})"))}.");
        return user;
    }

    private WorkspaceChannel Channel(string channelId) =>
        Workspace.GetChannel(channelId) ?? Workspace.FindChannelByName(channelId)
        ?? throw new EmulatorActionException($"No channel {channelId}. Channels: {string.Join(", ", Workspace.Channels.Select(c => $"{c.Id} (#{c.Name})"))}.");
}
