using System.Collections.Concurrent;
using System.Text.Json;
using SlackFeedbackBot.Slack;
using System.Text.Json.Nodes;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.BlockKit;

namespace SlackFeedbackBot.Tests.Rotations;

/// <summary>A Slack Web API for rotation tests: records DMs, channel posts, topics, user groups and views; knows a few people.</summary>
public sealed class RotationSlackFake : ISlackApiClient
{
    public ConcurrentQueue<(string Channel, SlackMessage Message)> Posts { get; } = new();
    public ConcurrentQueue<(string Channel, string Topic)> Topics { get; } = new();
    public ConcurrentQueue<(string Group, IReadOnlyList<string> Users)> GroupUpdates { get; } = new();
    public ConcurrentQueue<(string TriggerId, ModalView View)> OpenedViews { get; } = new();
    public ConcurrentQueue<(string Url, SlackMessage Message)> Responses { get; } = new();
    public ConcurrentQueue<(string User, IReadOnlyList<Block> Blocks)> HomeViews { get; } = new();
    public ConcurrentDictionary<string, string> TimeZones { get; } = new();
    public string? TopicError { get; set; }
    public string? UserGroupError { get; set; }

    /// <summary>The buttons of a message as Slack receives them (action_id, value), whatever block types carry them.</summary>
    public static IReadOnlyList<(string ActionId, string? Value)> Buttons(SlackMessage message) =>
        [.. (JsonSerializer.SerializeToNode(message.Blocks, SlackJson.Options) as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(block => (string?)block["type"] == "actions")
            .SelectMany(block => block["elements"]!.AsArray().OfType<JsonObject>())
            .Where(element => (string?)element["type"] == "button")
            .Select(element => ((string)element["action_id"]!, (string?)element["value"]))];

    /// <summary>DMs to a person, in order (DM channels are "D" + user id).</summary>
    public IReadOnlyList<SlackMessage> DmsTo(string user) => Posts.Where(p => p.Channel == "D" + user).Select(p => p.Message).ToList();

    public IReadOnlyList<string> DmRecipients => Posts.Where(p => p.Channel.StartsWith('D')).Select(p => p.Channel[1..]).Distinct().ToList();

    public Task<string> OpenConversationAsync(IReadOnlyList<string> users, CancellationToken ct = default) => Task.FromResult("D" + users.Single());

    public Task<PostMessageResponse> PostMessageAsync(string channel, SlackMessage message, CancellationToken ct = default)
    {
        Posts.Enqueue((channel, message));
        return Task.FromResult(new PostMessageResponse(channel, $"{1700000000 + Posts.Count}.000100"));
    }

    public Task SetConversationTopicAsync(string channel, string topic, CancellationToken ct = default)
    {
        if (TopicError is { } error)
        {
            throw new SlackApiException("conversations.setTopic", error);
        }

        Topics.Enqueue((channel, topic));
        return Task.CompletedTask;
    }

    public Task UpdateUserGroupUsersAsync(string userGroupId, IReadOnlyList<string> users, CancellationToken ct = default)
    {
        if (UserGroupError is { } error)
        {
            throw new SlackApiException("usergroups.users.update", error);
        }

        GroupUpdates.Enqueue((userGroupId, users));
        return Task.CompletedTask;
    }

    public Task<SlackUser> GetUserInfoAsync(string user, CancellationToken ct = default) =>
        user.StartsWith('U')
            ? Task.FromResult(new SlackUser(user, user.ToLowerInvariant(), null, user.ToLowerInvariant(), TimeZones.GetValueOrDefault(user, "UTC"), 0, false, false, "T1"))
            : Task.FromException<SlackUser>(new SlackApiException("users.info", "user_not_found"));

    public Task<string> OpenViewAsync(string triggerId, ModalView view, CancellationToken ct = default)
    {
        OpenedViews.Enqueue((triggerId, view));
        return Task.FromResult("V1");
    }

    public Task RespondAsync(string responseUrl, SlackMessage message, CancellationToken ct = default)
    {
        Responses.Enqueue((responseUrl, message));
        return Task.CompletedTask;
    }

    public Task PublishHomeViewAsync(string userId, IReadOnlyList<Block> blocks, CancellationToken ct = default)
    {
        HomeViews.Enqueue((userId, blocks));
        return Task.CompletedTask;
    }

    public Task<AuthTestResponse> AuthTestAsync(CancellationToken ct = default) => Task.FromResult(new AuthTestResponse("UBOT", "BBOT", "T1", "Test", null));
    public Task<string?> PostEphemeralAsync(string channel, string user, SlackMessage message, CancellationToken ct = default) => Unused<string?>();
    public Task<PostMessageResponse> UpdateMessageAsync(string channel, string ts, SlackMessage message, CancellationToken ct = default) => Unused<PostMessageResponse>();
    public Task<string> GetPermalinkAsync(string channel, string messageTs, CancellationToken ct = default) => Unused<string>();
    public Task<ConversationInfo> GetConversationInfoAsync(string channel, CancellationToken ct = default) => Unused<ConversationInfo>();
    public Task<IReadOnlyList<SlackUser>> ListUsersAsync(CancellationToken ct = default) => Unused<IReadOnlyList<SlackUser>>();
    public Task<IReadOnlyList<UserGroup>> ListUserGroupsAsync(bool includeUsers = false, CancellationToken ct = default) => Unused<IReadOnlyList<UserGroup>>();

    /// <summary>Members of user groups and channels, as the test sets them.</summary>
    public ConcurrentDictionary<string, IReadOnlyList<string>> SourceMembers { get; } = new();

    public Task<IReadOnlyList<string>> ListUserGroupMembersAsync(string userGroupId, CancellationToken ct = default) => Members(userGroupId, "usergroups.users.list", "no_such_subteam");

    public Task<IReadOnlyList<string>> ListConversationMembersAsync(string channel, CancellationToken ct = default) => Members(channel, "conversations.members", "channel_not_found");

    private Task<IReadOnlyList<string>> Members(string id, string method, string error) =>
        SourceMembers.TryGetValue(id, out var members) ? Task.FromResult(members) : throw new SlackApiException(method, error);
    public Task<string> UpdateViewAsync(string viewId, ModalView view, string? hash = null, CancellationToken ct = default) => Unused<string>();
    public Task AddReactionAsync(string channel, string timestamp, string name, CancellationToken ct = default) => Unused<bool>();
    public Task<string> UploadFileAsync(FileUpload upload, CancellationToken ct = default) => Unused<string>();
    public Task<Uri> OpenSocketConnectionAsync(CancellationToken ct = default) => Unused<Uri>();
    public Task<JsonObject> CallAsync(string method, JsonObject args, CancellationToken ct = default) => Unused<JsonObject>();

    private static Task<T> Unused<T>() => Task.FromException<T>(new InvalidOperationException("This Web API method is not expected in rotation tests."));
}
