using System.Text.Json.Nodes;
using static SlackFeedbackBot.Emulator.WebApi.SlackShapes;

namespace SlackFeedbackBot.Emulator.WebApi;

internal sealed partial class WebApiMethods
{
    private JsonObject UserInfo(ApiArgs args) =>
        Ok(new JsonObject { ["user"] = User(ResolveUser(args.Str("user")), _emu.TeamId, Now) });

    private JsonObject ListUsers(ApiArgs args)
    {
        var (page, next) = Paginate(Workspace.Users, u => u.Id, args, "user");
        var now = Now;
        return WithCursor(new JsonObject
        {
            ["members"] = new JsonArray(page.Select(u => (JsonNode)User(u, _emu.TeamId, now)).ToArray()),
            ["cache_ts"] = now.ToUnixTimeSeconds(),
        }, next);
    }

    private JsonObject ListUserGroups(ApiArgs args)
    {
        var includeUsers = args.Bool("include_users");
        var groups = Workspace.UserGroups.Select(g => (JsonNode)UserGroup(g, _emu.TeamId, includeUsers)).ToArray();
        return Ok(new JsonObject { ["usergroups"] = new JsonArray(groups) });
    }

    private JsonObject ListUserGroupUsers(ApiArgs args)
    {
        var group = Workspace.GetUserGroup(args.Str("usergroup") ?? "") ?? throw new SlackApiError("no_such_subteam");
        return Ok(new JsonObject { ["users"] = Strings(group.Users) });
    }

    private JsonObject UpdateUserGroupUsers(ApiArgs args)
    {
        var groupId = args.Str("usergroup") ?? "";
        if (Workspace.GetUserGroup(groupId) is null) throw new SlackApiError("no_such_subteam");
        var users = args.List("users");
        // Slack refuses to empty a group (that is usergroups.disable) and rejects bots and unknown users.
        if (users.Count == 0) throw new SlackApiError("no_users_provided");
        if (users.Any(u => Workspace.GetUser(u) is null or { IsBot: true })) throw new SlackApiError("invalid_users");
        var updated = Workspace.SetUserGroupUsers(groupId, users)!;
        return Ok(new JsonObject { ["usergroup"] = UserGroup(updated, _emu.TeamId, includeUsers: true) });
    }
}
