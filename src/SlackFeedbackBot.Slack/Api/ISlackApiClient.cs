using System.Text.Json.Nodes;
using SlackFeedbackBot.Slack.BlockKit;

namespace SlackFeedbackBot.Slack.Api;

/// <summary>
/// Slack's Web API with the bot token. Every method throws <see cref="SlackApiException"/> (carrying Slack's
/// error code) when Slack answers <c>ok:false</c>; rate limits and transient failures are retried inside, except within
/// <see cref="SlackCallRetries.Defer"/> (the outbox), where the first answer is thrown and the caller reschedules.
/// </summary>
public interface ISlackApiClient
{
    Task<AuthTestResponse> AuthTestAsync(CancellationToken ct = default);

    Task<PostMessageResponse> PostMessageAsync(string channel, SlackMessage message, CancellationToken ct = default);

    /// <summary>Returns the ephemeral message's ts (which chat.update cannot use).</summary>
    Task<string?> PostEphemeralAsync(string channel, string user, SlackMessage message, CancellationToken ct = default);

    Task<PostMessageResponse> UpdateMessageAsync(string channel, string ts, SlackMessage message, CancellationToken ct = default);

    Task<string> GetPermalinkAsync(string channel, string messageTs, CancellationToken ct = default);

    /// <summary>Opens (or finds) the DM with the given users and returns its channel id.</summary>
    Task<string> OpenConversationAsync(IReadOnlyList<string> users, CancellationToken ct = default);

    Task<ConversationInfo> GetConversationInfoAsync(string channel, CancellationToken ct = default);

    Task SetConversationTopicAsync(string channel, string topic, CancellationToken ct = default);

    Task<SlackUser> GetUserInfoAsync(string user, CancellationToken ct = default);

    /// <summary>All users of the workspace, following every page of the cursor.</summary>
    Task<IReadOnlyList<SlackUser>> ListUsersAsync(CancellationToken ct = default);

    Task<IReadOnlyList<UserGroup>> ListUserGroupsAsync(bool includeUsers = false, CancellationToken ct = default);

    Task UpdateUserGroupUsersAsync(string userGroupId, IReadOnlyList<string> users, CancellationToken ct = default);

    /// <summary>usergroups.users.list: the user ids in the group (disabled groups answer with none).</summary>
    Task<IReadOnlyList<string>> ListUserGroupMembersAsync(string userGroupId, CancellationToken ct = default);

    /// <summary>conversations.members: every member id of the channel, following every page of the cursor.</summary>
    Task<IReadOnlyList<string>> ListConversationMembersAsync(string channel, CancellationToken ct = default);

    /// <summary>Returns the opened view's id.</summary>
    Task<string> OpenViewAsync(string triggerId, ModalView view, CancellationToken ct = default);

    Task<string> UpdateViewAsync(string viewId, ModalView view, string? hash = null, CancellationToken ct = default);

    Task PublishHomeViewAsync(string userId, IReadOnlyList<Block> blocks, CancellationToken ct = default);

    Task AddReactionAsync(string channel, string timestamp, string name, CancellationToken ct = default);

    /// <summary>The files upload v2 flow: getUploadURLExternal, upload the bytes, completeUploadExternal. Returns the file id.</summary>
    Task<string> UploadFileAsync(FileUpload upload, CancellationToken ct = default);

    /// <summary>apps.connections.open with the app-level token; returns the WebSocket URL.</summary>
    Task<Uri> OpenSocketConnectionAsync(CancellationToken ct = default);

    /// <summary>Posts a message to a response_url from a slash command or interaction.</summary>
    Task RespondAsync(string responseUrl, SlackMessage message, CancellationToken ct = default);

    /// <summary>Any other Web API method: a JSON body in, the whole response object out (after the ok check).</summary>
    Task<JsonObject> CallAsync(string method, JsonObject args, CancellationToken ct = default);
}
