using System.Text.Json.Nodes;
using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Slack.Directory;

/// <summary>A channel as conversations.list lists it.</summary>
public sealed record DirectoryChannel(string Id, string Name);

/// <summary>
/// Finds channels and people by the names people type (<c>general</c>, <c>ana</c>, "Ana Lima"), through
/// conversations.list and users.list, cached for <see cref="CacheFor"/>: a command with five names costs one listing,
/// not five, and a channel created a minute ago is found soon after.
/// </summary>
public sealed class WorkspaceDirectory(ISlackApiClient slack, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTimeOffset At, IReadOnlyList<DirectoryChannel> Channels)? _channels;
    private (DateTimeOffset At, IReadOnlyList<SlackUser> Users)? _users;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DateTimeOffset At, string? Email)> _emails = new(StringComparer.Ordinal);

    /// <summary>The channel called <paramref name="name"/> (with or without its #), or null.</summary>
    public async Task<DirectoryChannel?> FindChannelAsync(string name, CancellationToken ct)
    {
        var wanted = name.Trim().TrimStart('#');
        return (await ChannelsAsync(ct)).FirstOrDefault(c => c.Name.Equals(wanted, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The person whose user name, display name or real name is <paramref name="name"/> (with or without its @), or null.</summary>
    public async Task<SlackUser?> FindPersonAsync(string name, CancellationToken ct)
    {
        var wanted = name.Trim().TrimStart('@');
        if (wanted.Length == 0)
        {
            return null;
        }

        var people = (await UsersAsync(ct)).Where(u => !u.IsBot && !u.Deleted).ToList();
        return people.FirstOrDefault(u => u.Id.Equals(wanted, StringComparison.OrdinalIgnoreCase))
            ?? people.FirstOrDefault(u => u.Name.Equals(wanted, StringComparison.OrdinalIgnoreCase))
            ?? people.FirstOrDefault(u => wanted.Equals(u.DisplayName, StringComparison.OrdinalIgnoreCase))
            ?? people.FirstOrDefault(u => wanted.Equals(u.RealName, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// What people call the person with this id: their display name, else real name, else user name (deactivated
    /// accounts too: a past shift still names its person); null when the workspace has no such user.
    /// </summary>
    public async Task<string?> NameOfAsync(string userId, CancellationToken ct)
    {
        var user = (await UsersAsync(ct)).FirstOrDefault(u => u.Id.Equals(userId, StringComparison.Ordinal));
        return user is null ? null : new[] { user.DisplayName, user.RealName, user.Name }.FirstOrDefault(n => !string.IsNullOrWhiteSpace(n));
    }

    /// <summary>
    /// Up to <paramref name="count"/> channel names close to <paramref name="name"/> (sharing its start, or containing
    /// it, or it containing them), for an answer that says "did you mean".
    /// </summary>
    public async Task<IReadOnlyList<string>> ChannelsLikeAsync(string name, int count, CancellationToken ct)
    {
        var wanted = name.Trim().TrimStart('#').ToLowerInvariant();
        if (wanted.Length == 0)
        {
            return [];
        }

        var prefix = wanted[..Math.Min(3, wanted.Length)];
        return (await ChannelsAsync(ct))
            .Select(c => c.Name)
            .Where(n => n.Contains(wanted, StringComparison.OrdinalIgnoreCase) || wanted.Contains(n, StringComparison.OrdinalIgnoreCase)
                || n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
            .Take(count)
            .ToList();
    }

    /// <summary>
    /// The email on the person's profile (users.info, which shows it with the <c>users:read.email</c> scope), or null when
    /// the profile has none; remembered per person for <see cref="CacheFor"/>, so a busy reporter costs one call a minute.
    /// </summary>
    public async Task<string?> FindEmailAsync(string userId, CancellationToken ct)
    {
        if (_emails.TryGetValue(userId, out var cached) && time.GetUtcNow() - cached.At < CacheFor)
        {
            return cached.Email;
        }

        var user = await slack.GetUserInfoAsync(userId, ct);
        var email = string.IsNullOrWhiteSpace(user.Email) ? null : user.Email.Trim();
        _emails[userId] = (time.GetUtcNow(), email);
        return email;
    }

    private async Task<IReadOnlyList<DirectoryChannel>> ChannelsAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_channels is { } cached && time.GetUtcNow() - cached.At < CacheFor)
            {
                return cached.Channels;
            }

            var channels = new List<DirectoryChannel>();
            string? cursor = null;
            do
            {
                var args = new JsonObject { ["types"] = "public_channel,private_channel", ["limit"] = 1000, ["exclude_archived"] = true };
                if (cursor is not null)
                {
                    args["cursor"] = cursor;
                }

                var page = await slack.CallAsync("conversations.list", args, ct);
                foreach (var channel in (page["channels"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    if ((string?)channel["id"] is { } id && (string?)channel["name"] is { } channelName)
                    {
                        channels.Add(new DirectoryChannel(id, channelName));
                    }
                }

                cursor = (string?)page["response_metadata"]?["next_cursor"];
            }
            while (!string.IsNullOrEmpty(cursor));

            _channels = (time.GetUtcNow(), channels);
            return channels;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyList<SlackUser>> UsersAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_users is { } cached && time.GetUtcNow() - cached.At < CacheFor)
            {
                return cached.Users;
            }

            var users = await slack.ListUsersAsync(ct);
            _users = (time.GetUtcNow(), users);
            return users;
        }
        finally
        {
            _gate.Release();
        }
    }
}
