using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// The feedback admins: the user ids in <c>Feedback:Admins</c> and the members of the Slack user group
/// <c>Feedback:AdminGroup</c> (its handle or id). The group's members are read with usergroups.list and kept for
/// <see cref="GroupCacheTime"/>; when Slack cannot be asked, the last members known are used.
/// </summary>
public sealed class FeedbackAdmins(ISlackApiClient slack, IOptions<FeedbackOptions> options, TimeProvider time, ILogger<FeedbackAdmins> log)
{
    public static readonly TimeSpan GroupCacheTime = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private GroupMembers? _group;

    private sealed record GroupMembers(string Handle, IReadOnlySet<string> Users, DateTimeOffset ReadAt);

    public async Task<bool> IsAdminAsync(string userId, CancellationToken ct)
    {
        if (options.Value.Admins.Any(admin => string.Equals(admin.Trim(), userId, StringComparison.Ordinal)))
        {
            return true;
        }

        return (await GroupAsync(ct))?.Users.Contains(userId) == true;
    }

    /// <summary>Every feedback admin's user id: the configured ones, then the group's members.</summary>
    public async Task<IReadOnlyList<string>> AllAsync(CancellationToken ct) =>
        options.Value.Admins.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim())
            .Concat((await GroupAsync(ct))?.Users.Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>())
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>How a refusal names the admins: "feedback admins (<@U1>, @handle)", or null when there are none.</summary>
    public async Task<string?> DescribeAsync(CancellationToken ct)
    {
        var names = options.Value.Admins.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => $"<@{a.Trim()}>").ToList();
        if (!string.IsNullOrWhiteSpace(options.Value.AdminGroup))
        {
            names.Add("@" + ((await GroupAsync(ct))?.Handle ?? options.Value.AdminGroup.Trim().TrimStart('@')));
        }

        return names.Count == 0 ? null : $"feedback admins ({string.Join(", ", names)})";
    }

    private async Task<GroupMembers?> GroupAsync(CancellationToken ct)
    {
        var wanted = options.Value.AdminGroup?.Trim().TrimStart('@');
        if (string.IsNullOrEmpty(wanted))
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (_group is { } fresh && now - fresh.ReadAt < GroupCacheTime)
        {
            return fresh;
        }

        await _refresh.WaitAsync(ct);
        try
        {
            if (_group is { } read && time.GetUtcNow() - read.ReadAt < GroupCacheTime)
            {
                return read;
            }

            var groups = await slack.ListUserGroupsAsync(includeUsers: true, ct);
            var group = groups.FirstOrDefault(g => string.Equals(g.Id, wanted, StringComparison.Ordinal) || string.Equals(g.Handle, wanted, StringComparison.OrdinalIgnoreCase));
            if (group is null)
            {
                log.LogWarning("Feedback:AdminGroup {Group} is not a user group in this workspace; only Feedback:Admins are feedback admins", wanted);
            }

            _group = new GroupMembers(group?.Handle ?? wanted, group?.Users.ToHashSet(StringComparer.Ordinal) ?? [], time.GetUtcNow());
            return _group;
        }
        catch (SlackApiException ex)
        {
            log.LogWarning("Could not read the members of Feedback:AdminGroup {Group}: {Error}", wanted, ex.ErrorCode);
            return _group;
        }
        finally
        {
            _refresh.Release();
        }
    }
}
