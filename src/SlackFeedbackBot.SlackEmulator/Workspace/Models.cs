using System.Text.Json.Nodes;

namespace SlackFeedbackBot.Emulator.Workspace;

public sealed record WorkspaceUser(string Id, string Name, string RealName, string Tz, bool IsBot = false, string? BotId = null)
{
    public string DisplayName { get; init; } = Name;

    /// <summary>A deactivated account: Slack keeps it, with <c>deleted: true</c>.</summary>
    public bool Deleted { get; init; }

    /// <summary>The profile's email (Slack shows it to apps with <c>users:read.email</c>).</summary>
    public string? Email { get; init; }
}

public sealed record WorkspaceChannel(string Id, string Name, bool IsPrivate, IReadOnlyList<string> Members, long Created)
{
    /// <summary>Set for direct-message channels (ids starting with D): the human on the other side of the bot.</summary>
    public string? ImUserId { get; init; }
    public bool IsIm => ImUserId is not null;
    public string Topic { get; init; } = "";
    public string ChannelType => IsIm ? "im" : IsPrivate ? "group" : "channel";
}

public sealed record MessageReaction(string Name, IReadOnlyList<string> Users);

public sealed record StoredMessage(string Channel, string Ts, string? User, string? BotId, string Text)
{
    public JsonArray? Blocks { get; init; }
    public string? ThreadTs { get; init; }
    public IReadOnlyList<MessageReaction> Reactions { get; init; } = [];
    /// <summary>Only this user sees the message (chat.postEphemeral, slash command replies).</summary>
    public string? EphemeralFor { get; init; }
    public string? Subtype { get; init; }
    public JsonArray? Files { get; init; }
    public string? EditedTs { get; init; }
    /// <summary>The app's message metadata ({event_type, event_payload}); conversations.history and .replies return it
    /// only when asked with include_all_metadata.</summary>
    public JsonObject? Metadata { get; init; }

    public JsonObject ToJson(string? teamId = null)
    {
        var json = new JsonObject { ["type"] = "message" };
        if (Subtype is not null) json["subtype"] = Subtype;
        if (User is not null) json["user"] = User;
        if (BotId is not null) json["bot_id"] = BotId;
        json["text"] = Text;
        json["ts"] = Ts;
        if (teamId is not null) json["team"] = teamId;
        if (Blocks is not null) json["blocks"] = Blocks.DeepClone();
        if (ThreadTs is not null) json["thread_ts"] = ThreadTs;
        if (Files is not null) json["files"] = Files.DeepClone();
        if (EditedTs is not null) json["edited"] = new JsonObject { ["user"] = User, ["ts"] = EditedTs };
        if (Reactions.Count > 0)
        {
            json["reactions"] = new JsonArray(Reactions.Select(r => (JsonNode)new JsonObject
            {
                ["name"] = r.Name,
                ["users"] = new JsonArray(r.Users.Select(u => (JsonNode)JsonValue.Create(u)!).ToArray()),
                ["count"] = r.Users.Count,
            }).ToArray());
        }
        return json;
    }
}

public sealed record UserGroup(string Id, string Handle, string Name, IReadOnlyList<string> Users);

/// <summary>A modal or Home tab as the app last set it. <see cref="View"/> is the full Slack view object (id, hash, blocks...).</summary>
public sealed record StoredView(string Id, string Type, string UserId, JsonObject View)
{
    public string Hash => View["hash"]?.GetValue<string>() ?? "";
    public string? CallbackId => View["callback_id"]?.GetValue<string>();
}

public sealed record StoredFile(string Id, string Filename, long Length)
{
    public byte[]? Content { get; init; }
    public string? Title { get; init; }
    public bool Completed { get; init; }
}

/// <summary>One change in the workspace, pushed to listeners such as the web page's event stream.</summary>
public sealed record WorkspaceChange(string Kind, JsonObject Data);
