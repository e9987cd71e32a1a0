using System.Text.Json.Nodes;
using SlackFeedbackBot.Emulator.Workspace;
using static SlackFeedbackBot.Emulator.WebApi.SlackShapes;

namespace SlackFeedbackBot.Emulator.WebApi;

internal sealed partial class WebApiMethods
{
    private JsonObject OpenConversation(ApiArgs args)
    {
        var channelArg = args.Str("channel");
        if (!string.IsNullOrEmpty(channelArg))
        {
            var existing = ResolveChannel(channelArg);
            return Ok(new JsonObject { ["no_op"] = true, ["already_open"] = true, ["channel"] = new JsonObject { ["id"] = existing.Id } });
        }
        var users = args.List("users");
        if (users.Count == 0) throw new SlackApiError("users_list_not_supplied");
        if (users.Count > 1) throw new SlackApiError("not_enough_users"); // group DMs are not emulated
        var user = ResolveUser(users[0]);
        var alreadyOpen = Workspace.Channels.Any(c => c.ImUserId == user.Id);
        var dm = Workspace.OpenDm(user.Id, _emu.BotUserId);
        var channel = args.Bool("return_im") ? Channel(dm, _emu.BotUserId) : new JsonObject { ["id"] = dm.Id };
        return Ok(new JsonObject { ["no_op"] = alreadyOpen, ["already_open"] = alreadyOpen, ["channel"] = channel });
    }

    private JsonObject ConversationInfo(ApiArgs args) =>
        Ok(new JsonObject { ["channel"] = Channel(ResolveChannel(args.Str("channel")), _emu.BotUserId) });

    private JsonObject SetTopic(ApiArgs args)
    {
        var channel = ResolveChannelForWriting(args.Str("channel"));
        var topic = args.Str("topic") ?? "";
        if (topic.Length > 250) throw new SlackApiError("too_long");
        var updated = Workspace.UpdateChannel(channel.Id, c => c with { Topic = topic })!;
        return Ok(new JsonObject { ["channel"] = Channel(updated, _emu.BotUserId) });
    }

    private JsonObject JoinConversation(ApiArgs args)
    {
        var channel = ResolveChannel(args.Str("channel"));
        if (channel.IsIm) throw new SlackApiError("method_not_supported_for_channel_type");
        Workspace.JoinChannel(channel.Id, _emu.BotUserId);
        return Ok(new JsonObject { ["channel"] = Channel(Workspace.GetChannel(channel.Id)!, _emu.BotUserId) });
    }

    private JsonObject ListConversations(ApiArgs args)
    {
        var types = args.List("types");
        if (types.Count == 0) types = ["public_channel"];
        var visible = Workspace.Channels.Where(c =>
            (c.IsIm && types.Contains("im") && c.Members.Contains(_emu.BotUserId)) ||
            (!c.IsIm && !c.IsPrivate && types.Contains("public_channel")) ||
            (!c.IsIm && c.IsPrivate && types.Contains("private_channel") && c.Members.Contains(_emu.BotUserId))).ToList();
        var (page, next) = Paginate(visible, c => c.Id, args, "channel");
        return WithCursor(new JsonObject { ["channels"] = new JsonArray(page.Select(c => (JsonNode)Channel(c, _emu.BotUserId)).ToArray()) }, next);
    }

    private JsonObject ConversationMembers(ApiArgs args)
    {
        var channel = ResolveChannel(args.Str("channel"));
        var (page, next) = Paginate(channel.Members, m => m, args, "user");
        return WithCursor(new JsonObject { ["members"] = Strings(page) }, next);
    }

    private JsonObject History(ApiArgs args)
    {
        var channel = ResolveChannel(args.Str("channel"));
        if (!channel.Members.Contains(_emu.BotUserId)) throw new SlackApiError("not_in_channel");
        var messages = Workspace.Messages
            .Where(m => m.Channel == channel.Id && m.EphemeralFor is null && (m.ThreadTs is null || m.ThreadTs == m.Ts))
            .OrderByDescending(m => m.Ts, StringComparer.Ordinal).ToList();
        return MessagePage(messages, args);
    }

    private JsonObject Replies(ApiArgs args)
    {
        var channel = ResolveChannel(args.Str("channel"));
        var ts = args.Required("ts", "thread_not_found");
        if (Workspace.FindMessage(channel.Id, ts) is null) throw new SlackApiError("thread_not_found");
        var messages = Workspace.Messages
            .Where(m => m.Channel == channel.Id && m.EphemeralFor is null && (m.Ts == ts || m.ThreadTs == ts))
            .OrderBy(m => m.Ts, StringComparer.Ordinal).ToList();
        return MessagePage(messages, args);
    }

    private JsonObject MessagePage(List<StoredMessage> messages, ApiArgs args)
    {
        // oldest and latest bound the page by ts, both exclusive unless inclusive is set, as Slack reads them.
        var inclusive = args.Bool("inclusive");
        if (args.Str("oldest") is { Length: > 0 } oldest)
        {
            messages = [.. messages.Where(m => TsOrder(m.Ts, oldest) is var c && (c > 0 || (inclusive && c == 0)))];
        }

        if (args.Str("latest") is { Length: > 0 } latest)
        {
            messages = [.. messages.Where(m => TsOrder(m.Ts, latest) is var c && (c < 0 || (inclusive && c == 0)))];
        }

        var withMetadata = args.Bool("include_all_metadata");
        var (page, next) = Paginate(messages, m => m.Ts, args, "ts");
        var body = WithCursor(new JsonObject
        {
            ["messages"] = new JsonArray(page.Select(m => (JsonNode)MessageJson(m, withMetadata)).ToArray()),
            ["has_more"] = next.Length > 0,
        }, next);
        return body;
    }

    private JsonObject MessageJson(StoredMessage message, bool withMetadata)
    {
        var json = message.ToJson(_emu.TeamId);
        if (withMetadata && message.Metadata is not null) json["metadata"] = message.Metadata.DeepClone();
        return json;
    }

    private static int TsOrder(string ts, string bound) =>
        decimal.TryParse(ts, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var a)
        && decimal.TryParse(bound, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var b)
            ? a.CompareTo(b)
            : throw new SlackApiError("invalid_ts_oldest");
}
