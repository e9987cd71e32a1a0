using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace SlackFeedbackBot.Emulator.Delivery;

/// <summary>A message the app POSTed to a response_url.</summary>
public sealed record ResponseUrlPost(string Url, JsonObject Payload, string UserId, string ChannelId, string? MessageTs, DateTimeOffset Time)
{
    public string? Text => Payload["text"]?.ToString();
    /// <summary>The error Slack answered with when it refused the body (e.g. invalid_blocks); null when it was shown.</summary>
    public string? Error { get; init; }
    public override string ToString() => $"{Time:HH:mm:ss.fff} {Url} {Payload.ToJsonString()}{(Error is null ? "" : " -> " + Error)}";
}

/// <summary>Where a response_url's messages land: the user and channel of the interaction and, for message actions, the message.</summary>
internal sealed record ResponseUrlTarget(string UserId, string ChannelId, string? MessageTs)
{
    public int Uses;
}

/// <summary>Issues response_urls ({BaseUrl}response/{id}) and keeps what the app posted to them.</summary>
/// <param name="posted">Told of each accepted post, e.g. to record it.</param>
public sealed class ResponseUrlInbox(Action<ResponseUrlPost>? posted = null)
{
    /// <summary>Slack accepts up to five posts per response_url.</summary>
    public const int MaxUses = 5;

    private readonly ConcurrentDictionary<string, ResponseUrlTarget> _targets = new(StringComparer.Ordinal);
    private readonly WaitableLog<ResponseUrlPost> _posts = new(posted);

    public IReadOnlyList<ResponseUrlPost> All => _posts.All;

    public Task<ResponseUrlPost> WaitForAsync(Func<ResponseUrlPost, bool>? match = null, TimeSpan? timeout = null, CancellationToken ct = default) =>
        _posts.WaitForAsync(match ?? (_ => true), timeout ?? TimeSpan.FromSeconds(20), "response_url post", ct);

    internal string Issue(Uri baseUrl, ResponseUrlTarget target)
    {
        var id = $"{Guid.NewGuid():N}";
        _targets[id] = target;
        return new Uri(baseUrl, $"response/{id}").ToString();
    }

    /// <summary>The target when the URL is known and not used up; the post is recorded then.</summary>
    internal ResponseUrlTarget? Accept(string id, string url, JsonObject payload, DateTimeOffset now, string? error = null)
    {
        if (!_targets.TryGetValue(id, out var target) || Interlocked.Increment(ref target.Uses) > MaxUses) return null;
        _posts.Add(new ResponseUrlPost(url, payload, target.UserId, target.ChannelId, target.MessageTs, now) { Error = error });
        return target;
    }
}
