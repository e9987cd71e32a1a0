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
        Posts.Enqueue((channel, message));
        return Task.FromResult(new PostMessageResponse(channel, $"{1700000000 + Posts.Count}.000100"));
    }

    public Task<string?> PostEphemeralAsync(string channel, string user, SlackMessage message, CancellationToken ct = default) => Unused<string?>();
    public Task<PostMessageResponse> UpdateMessageAsync(string channel, string ts, SlackMessage message, CancellationToken ct = default) => Unused<PostMessageResponse>();
    public Task<string> GetPermalinkAsync(string channel, string messageTs, CancellationToken ct = default) => Unused<string>();
    public Task<string> OpenConversationAsync(IReadOnlyList<string> users, CancellationToken ct = default) => Unused<string>();
    public Task<ConversationInfo> GetConversationInfoAsync(string channel, CancellationToken ct = default) => Unused<ConversationInfo>();
    public Task SetConversationTopicAsync(string channel, string topic, CancellationToken ct = default) => Unused<bool>();
    public Task<SlackUser> GetUserInfoAsync(string user, CancellationToken ct = default) => Unused<SlackUser>();
    public Task<IReadOnlyList<SlackUser>> ListUsersAsync(CancellationToken ct = default) => Unused<IReadOnlyList<SlackUser>>();
    public Task<IReadOnlyList<UserGroup>> ListUserGroupsAsync(bool includeUsers = false, CancellationToken ct = default) => Unused<IReadOnlyList<UserGroup>>();
    public Task UpdateUserGroupUsersAsync(string userGroupId, IReadOnlyList<string> users, CancellationToken ct = default) => Unused<bool>();
    public Task<string> OpenViewAsync(string triggerId, ModalView view, CancellationToken ct = default) => Unused<string>();
    public Task<string> UpdateViewAsync(string viewId, ModalView view, string? hash = null, CancellationToken ct = default) => Unused<string>();
    public Task PublishHomeViewAsync(string userId, IReadOnlyList<Block> blocks, CancellationToken ct = default) => Unused<bool>();
    public Task AddReactionAsync(string channel, string timestamp, string name, CancellationToken ct = default) => Unused<bool>();
    public Task<string> UploadFileAsync(FileUpload upload, CancellationToken ct = default) => Unused<string>();
    public Task<Uri> OpenSocketConnectionAsync(CancellationToken ct = default) => Unused<Uri>();
    public Task<JsonObject> CallAsync(string method, JsonObject args, CancellationToken ct = default) => Unused<JsonObject>();

    private static Task<T> Unused<T>() => Task.FromException<T>(new InvalidOperationException("This Web API method is not expected in this test."));
}
