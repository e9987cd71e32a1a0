using System.Text.Json.Nodes;
using SlackFeedbackBot.Emulator.BlockKit;
using SlackFeedbackBot.Emulator.Workspace;
using static SlackFeedbackBot.Emulator.WebApi.SlackShapes;

namespace SlackFeedbackBot.Emulator.WebApi;

internal sealed partial class WebApiMethods
{
    private JsonObject PostMessage(ApiArgs args)
    {
        var channel = ResolveChannelForWriting(args.Str("channel"));
        var (text, blocks) = MessageContent(args);
        var threadTs = args.Str("thread_ts");
        var metadata = Metadata(args);
        if (!string.IsNullOrEmpty(threadTs) && Workspace.FindMessage(channel.Id, threadTs) is null) throw new SlackApiError("thread_not_found");
        var message = Workspace.AddMessage(new StoredMessage(channel.Id, Workspace.Clock.NextTs(), _emu.BotUserId, _emu.BotId, text)
        {
            Blocks = blocks,
            ThreadTs = string.IsNullOrEmpty(threadTs) ? null : threadTs,
            Metadata = metadata,
        });
        _emu.EchoBotMessage(message);
        return Ok(new JsonObject { ["channel"] = channel.Id, ["ts"] = message.Ts, ["message"] = BotMessageJson(message) });
    }

    private JsonObject PostEphemeral(ApiArgs args)
    {
        var channel = ResolveChannelForWriting(args.Str("channel"));
        var user = ResolveUser(args.Str("user"));
        if (!channel.Members.Contains(user.Id)) throw new SlackApiError("user_not_in_channel");
        var (text, blocks) = MessageContent(args);
        var message = Workspace.AddMessage(new StoredMessage(channel.Id, Workspace.Clock.NextTs(), _emu.BotUserId, _emu.BotId, text)
        {
            Blocks = blocks,
            EphemeralFor = user.Id,
            ThreadTs = args.Str("thread_ts") is { Length: > 0 } t ? t : null,
        });
        return Ok(new JsonObject { ["message_ts"] = message.Ts });
    }

    private JsonObject UpdateMessage(ApiArgs args)
    {
        var channel = ResolveChannel(args.Str("channel"));
        var ts = args.Required("ts", "message_not_found");
        var existing = Workspace.FindMessage(channel.Id, ts) ?? throw new SlackApiError("message_not_found");
        if (existing.BotId != _emu.BotId || existing.EphemeralFor is not null) throw new SlackApiError("cant_update_message");
        var blocks = Blocks(args);
        var text = args.Str("text");
        var updated = Workspace.UpdateMessage(channel.Id, ts, m => m with
        {
            Text = text ?? m.Text,
            Blocks = blocks ?? (args.Values.ContainsKey("blocks") ? null : m.Blocks),
            EditedTs = Workspace.Clock.NextTs(),
        }) ?? throw new SlackApiError("message_not_found");
        return Ok(new JsonObject
        {
            ["channel"] = channel.Id,
            ["ts"] = ts,
            ["text"] = updated.Text,
            ["message"] = BotMessageJson(updated),
        });
    }

    private JsonObject DeleteMessage(ApiArgs args)
    {
        var channel = ResolveChannel(args.Str("channel"));
        var ts = args.Required("ts", "message_not_found");
        var existing = Workspace.FindMessage(channel.Id, ts) ?? throw new SlackApiError("message_not_found");
        if (existing.BotId != _emu.BotId) throw new SlackApiError("cant_delete_message");
        Workspace.DeleteMessage(channel.Id, ts);
        return Ok(new JsonObject { ["channel"] = channel.Id, ["ts"] = ts });
    }

    private JsonObject GetPermalink(ApiArgs args)
    {
        var channel = ResolveChannel(args.Str("channel"));
        var ts = args.Required("message_ts", "message_not_found");
        if (Workspace.FindMessage(channel.Id, ts) is null) throw new SlackApiError("message_not_found");
        return Ok(new JsonObject { ["channel"] = channel.Id, ["permalink"] = _emu.Permalink(channel.Id, ts) });
    }

    private JsonObject AddReaction(ApiArgs args)
    {
        var channel = ResolveChannel(args.Str("channel"));
        var ts = args.Required("timestamp", "message_not_found");
        var name = args.Str("name")?.Trim(':');
        if (string.IsNullOrEmpty(name)) throw new SlackApiError("invalid_name");
        if (Workspace.FindMessage(channel.Id, ts) is null) throw new SlackApiError("message_not_found");
        return Workspace.AddReaction(channel.Id, ts, name, _emu.BotUserId) ? Ok() : throw new SlackApiError("already_reacted");
    }

    private (string Text, JsonArray? Blocks) MessageContent(ApiArgs args)
    {
        var blocks = Blocks(args);
        var text = args.Str("text") ?? args.Str("markdown_text") ?? "";
        if (text.Length == 0 && blocks is null && args.Json("attachments") is null) throw new SlackApiError("no_text");
        if (text.Length > 40_000) throw new SlackApiError("msg_too_long");
        return (text, blocks);
    }

    /// <summary>The blocks argument, checked as Slack checks it (invalid_blocks with the reasons otherwise).</summary>
    private static JsonArray? Blocks(ApiArgs args)
    {
        var node = args.Json("blocks", "invalid_blocks_format");
        if (node is null) return null;
        if (node is not JsonArray blocks) throw new SlackApiError("invalid_blocks_format");
        if (blocks.Count == 0) return null;
        var reasons = BlockKitValidator.MessageBlocks(blocks);
        return reasons.Count == 0 ? blocks : throw BlockKitRefusal.InvalidBlocks(reasons);
    }

    /// <summary>The metadata argument, checked as Slack checks it: JSON that is not an object is invalid_metadata_format;
    /// an object without a string event_type (letters, digits, underscores) and an object event_payload is
    /// invalid_metadata_schema.</summary>
    private static JsonObject? Metadata(ApiArgs args)
    {
        var node = args.Json("metadata", "invalid_metadata_format");
        if (node is null) return null;
        if (node is not JsonObject metadata) throw new SlackApiError("invalid_metadata_format");
        if (metadata["event_type"] is not JsonValue type || !type.TryGetValue<string>(out var eventType) || !IsEventType(eventType)
            || metadata["event_payload"] is not JsonObject)
        {
            throw new SlackApiError("invalid_metadata_schema");
        }

        if (metadata.ToJsonString().Length > 8_000) throw new SlackApiError("metadata_too_large");
        return metadata;
    }

    private static bool IsEventType(string value) =>
        value.Length is > 0 and <= 255 && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private JsonObject BotMessageJson(StoredMessage message)
    {
        var json = message.ToJson(_emu.TeamId);
        json["app_id"] = _emu.AppId;
        json["bot_profile"] = new JsonObject
        {
            ["id"] = _emu.BotId,
            ["app_id"] = _emu.AppId,
            ["name"] = EmulatorIds.BotUserName,
            ["team_id"] = _emu.TeamId,
        };
        return json;
    }
}
