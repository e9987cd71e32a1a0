using System.Text.Json.Nodes;
using SlackFeedbackBot.Emulator.BlockKit;
using SlackFeedbackBot.Emulator.Workspace;
using static SlackFeedbackBot.Emulator.WebApi.SlackShapes;

namespace SlackFeedbackBot.Emulator.WebApi;

public enum TokenKind { Bot, App }

/// <summary>The Web API methods the emulator implements, each answering like Slack does.</summary>
internal sealed partial class WebApiMethods
{
    private readonly SlackEmulator _emu;
    private readonly Dictionary<string, (TokenKind Token, Func<ApiArgs, JsonObject> Handle)> _methods;

    public WebApiMethods(SlackEmulator emu)
    {
        _emu = emu;
        _methods = new(StringComparer.Ordinal)
        {
            ["auth.test"] = (TokenKind.Bot, AuthTest),
            ["apps.connections.open"] = (TokenKind.App, _ => Ok(new JsonObject { ["url"] = _emu.Sockets.IssueConnectionUrl() })),
            ["chat.postMessage"] = (TokenKind.Bot, PostMessage),
            ["chat.postEphemeral"] = (TokenKind.Bot, PostEphemeral),
            ["chat.update"] = (TokenKind.Bot, UpdateMessage),
            ["chat.delete"] = (TokenKind.Bot, DeleteMessage),
            ["chat.getPermalink"] = (TokenKind.Bot, GetPermalink),
            ["conversations.open"] = (TokenKind.Bot, OpenConversation),
            ["conversations.info"] = (TokenKind.Bot, ConversationInfo),
            ["conversations.setTopic"] = (TokenKind.Bot, SetTopic),
            ["conversations.join"] = (TokenKind.Bot, JoinConversation),
            ["conversations.list"] = (TokenKind.Bot, ListConversations),
            ["conversations.members"] = (TokenKind.Bot, ConversationMembers),
            ["conversations.history"] = (TokenKind.Bot, History),
            ["conversations.replies"] = (TokenKind.Bot, Replies),
            ["users.info"] = (TokenKind.Bot, UserInfo),
            ["users.list"] = (TokenKind.Bot, ListUsers),
            ["usergroups.list"] = (TokenKind.Bot, ListUserGroups),
            ["usergroups.users.list"] = (TokenKind.Bot, ListUserGroupUsers),
            ["usergroups.users.update"] = (TokenKind.Bot, UpdateUserGroupUsers),
            ["views.open"] = (TokenKind.Bot, OpenView),
            ["views.push"] = (TokenKind.Bot, PushView),
            ["views.update"] = (TokenKind.Bot, UpdateView),
            ["views.publish"] = (TokenKind.Bot, PublishView),
            ["reactions.add"] = (TokenKind.Bot, AddReaction),
            ["files.getUploadURLExternal"] = (TokenKind.Bot, GetUploadUrl),
            ["files.completeUploadExternal"] = (TokenKind.Bot, CompleteUpload),
        };
    }

    public IEnumerable<string> Names => _methods.Keys;

    public bool TryGet(string method, out TokenKind token, out Func<ApiArgs, JsonObject> handle)
    {
        if (_methods.TryGetValue(method, out var entry))
        {
            token = entry.Token;
            handle = args => RefusingBadBlockKit(method, entry.Handle, args);
            return true;
        }
        (token, handle) = (TokenKind.Bot, _ => Error("unknown_method"));
        return false;
    }

    /// <summary>Answers a call with bad Block Kit as Slack does, and keeps it in <see cref="SlackEmulator.Errors"/>.</summary>
    private JsonObject RefusingBadBlockKit(string method, Func<ApiArgs, JsonObject> handle, ApiArgs args)
    {
        try
        {
            return handle(args);
        }
        catch (BlockKitRefusal refusal)
        {
            _emu.Errors.Add(new EmulatorError(method, refusal.Code, refusal.Reasons, Now));
            return refusal.ToResponse();
        }
    }

    private SlackWorkspace Workspace => _emu.Workspace;
    private DateTimeOffset Now => _emu.Time.GetUtcNow();

    private JsonObject AuthTest(ApiArgs args) => Ok(new JsonObject
    {
        ["url"] = _emu.BaseUrl.ToString(),
        ["team"] = Workspace.TeamName,
        ["user"] = EmulatorIds.BotUserName,
        ["team_id"] = _emu.TeamId,
        ["user_id"] = _emu.BotUserId,
        ["bot_id"] = _emu.BotId,
        ["is_enterprise_install"] = false,
    });

    /// <summary>Resolves a channel argument the way Slack does: a conversation id, a user id (their DM with the bot) or a #name.</summary>
    private WorkspaceChannel ResolveChannel(string? channel)
    {
        if (string.IsNullOrEmpty(channel)) throw new SlackApiError("channel_not_found");
        if (channel.StartsWith('U') || channel.StartsWith('W'))
        {
            return Workspace.GetUser(channel) is { IsBot: false } ? Workspace.OpenDm(channel, _emu.BotUserId) : throw new SlackApiError("channel_not_found");
        }
        var found = Workspace.GetChannel(channel) ?? Workspace.FindChannelByName(channel) ?? throw new SlackApiError("channel_not_found");
        // A bot cannot see private channels it is not in; public ones it can see but (without chat:write.public) not post to.
        if (found.IsPrivate && !found.Members.Contains(_emu.BotUserId)) throw new SlackApiError("channel_not_found");
        return found;
    }

    private WorkspaceChannel ResolveChannelForWriting(string? channel)
    {
        var found = ResolveChannel(channel);
        return found.Members.Contains(_emu.BotUserId) ? found : throw new SlackApiError("not_in_channel");
    }

    private WorkspaceUser ResolveUser(string? userId) =>
        Workspace.GetUser(userId ?? "") ?? throw new SlackApiError("user_not_found");

    /// <summary>Paginates like Slack: cursor is base64 of "key:next-id", limit caps the page, next_cursor is "" on the last page.</summary>
    private static (List<T> Page, string NextCursor) Paginate<T>(IReadOnlyList<T> items, Func<T, string> key, ApiArgs args, string cursorKind)
    {
        var limit = args.Int("limit") is > 0 and var l ? Math.Min(l, 1000) : 1000;
        var start = 0;
        var cursor = args.Str("cursor");
        if (!string.IsNullOrEmpty(cursor))
        {
            string decoded;
            try { decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(cursor)); }
            catch (FormatException) { throw new SlackApiError("invalid_cursor"); }
            var prefix = cursorKind + ":";
            if (!decoded.StartsWith(prefix, StringComparison.Ordinal)) throw new SlackApiError("invalid_cursor");
            var id = decoded[prefix.Length..];
            start = items.Select(key).ToList().IndexOf(id);
            if (start < 0) throw new SlackApiError("invalid_cursor");
        }
        var page = items.Skip(start).Take(limit).ToList();
        var next = start + limit < items.Count
            ? Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{cursorKind}:{key(items[start + limit])}"))
            : "";
        return (page, next);
    }

    private static JsonObject WithCursor(JsonObject body, string nextCursor)
    {
        body["response_metadata"] = new JsonObject { ["next_cursor"] = nextCursor };
        return Ok(body);
    }
}
