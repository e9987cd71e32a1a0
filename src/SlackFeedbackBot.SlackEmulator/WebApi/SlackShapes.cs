using System.Text.Json.Nodes;
using SlackFeedbackBot.Emulator.Workspace;

namespace SlackFeedbackBot.Emulator.WebApi;

/// <summary>The JSON shapes Slack uses for users, channels and user groups.</summary>
public static class SlackShapes
{
    public static JsonObject Ok(JsonObject? body = null)
    {
        var result = new JsonObject { ["ok"] = true };
        if (body is null) return result;
        foreach (var (key, value) in body.ToList())
        {
            body.Remove(key);
            result[key] = value;
        }
        return result;
    }

    public static JsonObject Error(string code) => new() { ["ok"] = false, ["error"] = code };

    public static JsonObject User(WorkspaceUser user, string teamId, DateTimeOffset now)
    {
        var (offset, label) = ZoneAt(user.Tz, now);
        var shape = new JsonObject
        {
            ["id"] = user.Id,
            ["team_id"] = teamId,
            ["name"] = user.Name,
            ["deleted"] = user.Deleted,
            ["real_name"] = user.RealName,
            ["tz"] = user.Tz,
            ["tz_label"] = label,
            ["tz_offset"] = offset,
            ["is_admin"] = false,
            ["is_owner"] = false,
            ["is_bot"] = user.IsBot,
            ["is_app_user"] = false,
            ["updated"] = now.ToUnixTimeSeconds(),
            ["profile"] = new JsonObject
            {
                ["real_name"] = user.RealName,
                ["real_name_normalized"] = user.RealName,
                ["display_name"] = user.DisplayName,
                ["display_name_normalized"] = user.DisplayName,
                ["bot_id"] = user.BotId,
                ["team"] = teamId,
            },
        };
        if (user.Email is { } email)
        {
            shape["profile"]!["email"] = email;
        }

        return shape;
    }

    /// <summary>tz_offset in seconds and a tz_label such as "Central European Summer Time", as of <paramref name="now"/>.</summary>
    public static (int OffsetSeconds, string Label) ZoneAt(string tz, DateTimeOffset now)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(tz, out var zone)) return (0, tz);
        var offset = zone.GetUtcOffset(now);
        var label = zone.IsDaylightSavingTime(now) ? zone.DaylightName : zone.StandardName;
        return ((int)offset.TotalSeconds, label);
    }

    public static JsonObject Channel(WorkspaceChannel channel, string botUserId) => new()
    {
        ["id"] = channel.Id,
        ["name"] = channel.IsIm ? null : channel.Name,
        ["is_channel"] = !channel.IsIm && !channel.IsPrivate,
        ["is_group"] = !channel.IsIm && channel.IsPrivate,
        ["is_im"] = channel.IsIm,
        ["is_mpim"] = false,
        ["is_private"] = channel.IsPrivate,
        ["is_archived"] = false,
        ["is_general"] = channel.Name == "general",
        ["created"] = channel.Created,
        ["is_member"] = channel.Members.Contains(botUserId),
        ["user"] = channel.ImUserId,
        ["num_members"] = channel.Members.Count,
        ["topic"] = new JsonObject { ["value"] = channel.Topic, ["creator"] = "", ["last_set"] = 0 },
        ["purpose"] = new JsonObject { ["value"] = "", ["creator"] = "", ["last_set"] = 0 },
    };

    public static JsonObject UserGroup(UserGroup group, string teamId, bool includeUsers)
    {
        var json = new JsonObject
        {
            ["id"] = group.Id,
            ["team_id"] = teamId,
            ["is_usergroup"] = true,
            ["name"] = group.Name,
            ["handle"] = group.Handle,
            ["description"] = "",
            ["user_count"] = group.Users.Count,
        };
        if (includeUsers) json["users"] = Strings(group.Users);
        return json;
    }

    public static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
}
