using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.BlockKit;

namespace SlackFeedbackBot.Tests.Support;

/// <summary>A hand-written Slack Web API for unit tests of code above the client: identity plus recorded replies.</summary>
public sealed class FakeSlackApi : ISlackApiClient
{
    public AuthTestResponse Identity { get; set; } = new("UBOT", "BBOT", "T1", "Test team", "https://test.slack.com/");

    public int AuthTestCalls;

    public ConcurrentQueue<(string Url, SlackMessage Message)> Responses { get; } = new();

    public ConcurrentQueue<(string Channel, SlackMessage Message)> Posts { get; } = new();

    public ConcurrentQueue<(string Channel, string User, SlackMessage Message)> Ephemerals { get; } = new();

    public ConcurrentQueue<(string TriggerId, ModalView View)> OpenedViews { get; } = new();

    public ConcurrentQueue<(string ViewId, ModalView View)> UpdatedViews { get; } = new();

    public ConcurrentQueue<(string Channel, string Ts, string Name)> Reactions { get; } = new();

    public ConcurrentQueue<string> OpenedConversations { get; } = new();

    public ConcurrentQueue<(string Method, JsonObject Args)> Calls { get; } = new();

    public ConcurrentQueue<FileUpload> Uploads { get; } = new();

    /// <summary>Answers <see cref="CallAsync"/>; by default every method answers an empty ok response.</summary>
    public Func<string, JsonObject, JsonObject> CallResponder { get; set; } = (_, _) => new JsonObject { ["ok"] = true };

    /// <summary>Channels (or users, for DMs) whose chat.postMessage fails with channel_not_found.</summary>
    public ConcurrentDictionary<string, bool> FailingChannels { get; } = new();

    public Task<AuthTestResponse> AuthTestAsync(CancellationToken ct = default)
    {
        Interlocked.Increment(ref AuthTestCalls);
        return Task.FromResult(Identity);
    }

    public Task RespondAsync(string responseUrl, SlackMessage message, CancellationToken ct = default)
    {
        Responses.Enqueue((responseUrl, message));
        return Task.CompletedTask;
    }

    public Task<PostMessageResponse> PostMessageAsync(string channel, SlackMessage message, CancellationToken ct = default)
    {
        if (FailingChannels.ContainsKey(channel))
        {
            return Task.FromException<PostMessageResponse>(new SlackApiException("chat.postMessage", "channel_not_found"));
        }

        Posts.Enqueue((channel, message));
        return Task.FromResult(new PostMessageResponse(channel, $"{1700000000 + Posts.Count}.000100"));
    }

    public Task<PostMessageResponse> UpdateMessageAsync(string channel, string ts, SlackMessage message, CancellationToken ct = default) => Unused<PostMessageResponse>();
    public Task<ConversationInfo> GetConversationInfoAsync(string channel, CancellationToken ct = default) => Unused<ConversationInfo>();
    public Task SetConversationTopicAsync(string channel, string topic, CancellationToken ct = default) => Unused<bool>();
    /// <summary>The people users.info knows in this test; any other user is not expected.</summary>
    public ConcurrentDictionary<string, SlackUser> Users { get; } = new();

    public int UserInfoCalls;

    public Task<SlackUser> GetUserInfoAsync(string user, CancellationToken ct = default)
    {
        Interlocked.Increment(ref UserInfoCalls);
        if (Users.TryGetValue(user, out var known))
        {
            return Task.FromResult(known);
        }

        // A test that names people expects users.info; anyone else is unknown to Slack, as user_not_found says.
        return Users.IsEmpty ? Unused<SlackUser>() : Task.FromException<SlackUser>(new SlackApiException("users.info", "user_not_found"));
    }
    public Task<IReadOnlyList<SlackUser>> ListUsersAsync(CancellationToken ct = default) => Unused<IReadOnlyList<SlackUser>>();
    public Task<IReadOnlyList<UserGroup>> ListUserGroupsAsync(bool includeUsers = false, CancellationToken ct = default) => Unused<IReadOnlyList<UserGroup>>();
    public Task UpdateUserGroupUsersAsync(string userGroupId, IReadOnlyList<string> users, CancellationToken ct = default) => Unused<bool>();
    public Task<IReadOnlyList<string>> ListUserGroupMembersAsync(string userGroupId, CancellationToken ct = default) => Unused<IReadOnlyList<string>>();
    public Task<IReadOnlyList<string>> ListConversationMembersAsync(string channel, CancellationToken ct = default) => Unused<IReadOnlyList<string>>();
    public Task PublishHomeViewAsync(string userId, IReadOnlyList<Block> blocks, CancellationToken ct = default) => Unused<bool>();
    public Task<Uri> OpenSocketConnectionAsync(CancellationToken ct = default) => Unused<Uri>();

    public Task<string?> PostEphemeralAsync(string channel, string user, SlackMessage message, CancellationToken ct = default)
    {
        Ephemerals.Enqueue((channel, user, message));
        return Task.FromResult<string?>($"{1700000000 + Ephemerals.Count}.000200");
    }

    public Task<string> GetPermalinkAsync(string channel, string messageTs, CancellationToken ct = default) =>
        Task.FromResult($"https://test.slack.com/archives/{channel}/p{messageTs.Replace(".", "", StringComparison.Ordinal)}");

    public Task<string> OpenConversationAsync(IReadOnlyList<string> users, CancellationToken ct = default)
    {
        var user = string.Join(",", users);
        OpenedConversations.Enqueue(user);
        return Task.FromResult("D" + user);
    }

    public Task<string> OpenViewAsync(string triggerId, ModalView view, CancellationToken ct = default)
    {
        OpenedViews.Enqueue((triggerId, view));
        return Task.FromResult("V" + OpenedViews.Count);
    }

    public Task<string> UpdateViewAsync(string viewId, ModalView view, string? hash = null, CancellationToken ct = default)
    {
        UpdatedViews.Enqueue((viewId, view));
        return Task.FromResult(viewId);
    }

    public Task AddReactionAsync(string channel, string timestamp, string name, CancellationToken ct = default)
    {
        Reactions.Enqueue((channel, timestamp, name));
        return Task.CompletedTask;
    }

    public Task<string> UploadFileAsync(FileUpload upload, CancellationToken ct = default)
    {
        Uploads.Enqueue(upload);
        return Task.FromResult("F" + Uploads.Count);
    }

    public Task<JsonObject> CallAsync(string method, JsonObject args, CancellationToken ct = default)
    {
        Calls.Enqueue((method, args));
        return Task.FromResult(CallResponder(method, args));
    }

    private static Task<T> Unused<T>() => Task.FromException<T>(new InvalidOperationException("This Web API method is not expected in this test."));
}
