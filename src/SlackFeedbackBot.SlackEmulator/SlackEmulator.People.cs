using System.Text.Json.Nodes;
using SlackFeedbackBot.Emulator.Delivery;
using SlackFeedbackBot.Emulator.WebApi;
using SlackFeedbackBot.Emulator.Workspace;

namespace SlackFeedbackBot.Emulator;

/// <summary>People coming and going: user group and channel membership, deactivated accounts, each with the event Slack sends.</summary>
public sealed partial class SlackEmulator
{
    /// <summary>Sets a user group's members and sends <c>subteam_members_changed</c> with who was added and removed.</summary>
    public Task<DeliveryResult> ChangeUserGroupMembersAsync(string groupId, IReadOnlyList<string> users, CancellationToken ct = default)
    {
        var before = Workspace.GetUserGroup(groupId) ?? throw new EmulatorActionException($"There is no user group {groupId}.");
        Workspace.SetUserGroupUsers(groupId, users);
        var added = users.Except(before.Users).Distinct().ToList();
        var removed = before.Users.Except(users).ToList();
        var now = Time.GetUtcNow().ToUnixTimeSeconds();
        return DeliverEventAsync(new JsonObject
        {
            ["type"] = "subteam_members_changed",
            ["subteam_id"] = groupId,
            ["team_id"] = TeamId,
            ["date_previous_update"] = now - 60,
            ["date_update"] = now,
            ["added_users"] = new JsonArray(added.Select(u => (JsonNode)u).ToArray()),
            ["added_users_count"] = added.Count,
            ["removed_users"] = new JsonArray(removed.Select(u => (JsonNode)u).ToArray()),
            ["removed_users_count"] = removed.Count,
            ["event_ts"] = Workspace.Clock.NextTs(),
        }, null, 0, ct);
    }

    /// <summary>The person joins the channel; the app gets <c>member_joined_channel</c>.</summary>
    public Task<DeliveryResult> JoinChannelAsync(string userId, string channelId, CancellationToken ct = default)
    {
        var channel = Channel(channelId);
        Workspace.JoinChannel(channel.Id, HumanUser(userId).Id);
        return DeliverEventAsync(MembershipEvent("member_joined_channel", userId, channel), null, 0, ct);
    }

    /// <summary>The person leaves the channel; the app gets <c>member_left_channel</c>.</summary>
    public Task<DeliveryResult> LeaveChannelAsync(string userId, string channelId, CancellationToken ct = default)
    {
        var channel = Channel(channelId);
        Workspace.UpdateChannel(channel.Id, c => c with { Members = [.. c.Members.Where(m => m != userId)] });
        return DeliverEventAsync(MembershipEvent("member_left_channel", userId, channel), null, 0, ct);
    }

    /// <summary>Deactivates the account (users.info then says <c>deleted: true</c>) and sends <c>user_change</c> with the user object.</summary>
    public Task<DeliveryResult> DeactivateUserAsync(string userId, CancellationToken ct = default)
    {
        var user = Workspace.GetUser(userId) ?? throw new EmulatorActionException($"There is no user {userId}.");
        var deactivated = Workspace.AddUser(user with { Deleted = true });
        return DeliverEventAsync(new JsonObject
        {
            ["type"] = "user_change",
            ["user"] = SlackShapes.User(deactivated, TeamId, Time.GetUtcNow()),
            ["cache_ts"] = Time.GetUtcNow().ToUnixTimeSeconds(),
            ["event_ts"] = Workspace.Clock.NextTs(),
        }, null, 0, ct);
    }

    private JsonObject MembershipEvent(string type, string userId, WorkspaceChannel channel) => new()
    {
        ["type"] = type,
        ["user"] = userId,
        ["channel"] = channel.Id,
        ["channel_type"] = channel.IsPrivate ? "G" : "C",
        ["team"] = TeamId,
        ["event_ts"] = Workspace.Clock.NextTs(),
    };
}
