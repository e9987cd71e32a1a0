using SlackFeedbackBot.Rotations.Slack;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Rotations.People;

/// <summary>
/// Keeps the members of rotations that follow user groups or channels in step with Slack: asks Slack who is in each
/// source (usergroups.users.list, conversations.members), applies <see cref="FollowPlan"/>, welcomes the people who
/// came on and re-plans for those who left, so only people whose shifts moved are told. Runs on Slack's membership
/// events and once a day. One sync at a time, so two events about the same group cannot enrol anyone twice.
/// </summary>
public sealed class MemberSync(
    RotationRepository rotations,
    ShiftRepository shifts,
    FollowRepository follows,
    RotationPlanning planning,
    DirectMessenger messenger,
    ISlackApiClient slack,
    TimeProvider time,
    ILogger<MemberSync> log)
{
    /// <summary>The daily check (UTC), after the night's planning run.</summary>
    public const string DailyCron = "0 30 4 * * ?";

    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task SyncAllAsync(CancellationToken ct)
    {
        await RemoveDeactivatedAsync(ct);
        foreach (var rotationId in await follows.RotationsWithFollowsAsync())
        {
            if (await rotations.FindAsync(rotationId) is { } rotation)
            {
                await SyncAsync(rotation, ct);
            }
        }
    }

    public async Task SyncFollowersOfAsync(FollowSource source, CancellationToken ct)
    {
        foreach (var rotationId in await follows.RotationsFollowingAsync(source))
        {
            if (await rotations.FindAsync(rotationId) is { } rotation)
            {
                await SyncAsync(rotation, ct);
            }
        }
    }

    /// <summary>Returns what changed; nothing when a source could not be read (nobody is taken off on half the facts).</summary>
    public async Task<FollowChanges> SyncAsync(RotationSettings rotation, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await SyncUnguardedAsync(rotation, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A deactivated account leaves every rotation; the shifts it held are re-planned and only the people they move to are told.</summary>
    public async Task<int> DepartAsync(string userId, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var now = time.GetUtcNow();
            await follows.DepartedAsync(userId, now);
            var left = 0;
            foreach (var rotation in await rotations.RotationsOfAsync(userId))
            {
                await RemoveAsync(rotation, [userId], new HashSet<string>(StringComparer.Ordinal) { userId }, ct);
                left++;
            }

            // Make-up shifts are the person's own, outside any plan: nobody else inherits them.
            foreach (var shift in await shifts.UpcomingForAsync(userId, now, 500))
            {
                if (shift.Key.Contains(":makeup:", StringComparison.Ordinal) && shift.Assignees.SequenceEqual([userId]))
                {
                    await shifts.CancelAsync(shift.Key, now);
                }
            }

            log.LogInformation("{User} was deactivated in Slack and left {Count} rotation(s)", userId, left);
            return left;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>user_change: Slack is asked whether the account is deactivated (or back) before anything changes.</summary>
    public async Task UserChangedAsync(string userId, CancellationToken ct)
    {
        var departed = (await follows.DepartedPeopleAsync()).Contains(userId);
        if (!departed && (await rotations.RotationsOfAsync(userId)).Count == 0)
        {
            return;
        }

        var user = await slack.GetUserInfoAsync(userId, ct);
        if (user.Deleted && !departed)
        {
            await DepartAsync(userId, ct);
        }
        else if (!user.Deleted && departed)
        {
            await follows.ReturnedAsync(userId);
        }
    }

    private async Task RemoveDeactivatedAsync(CancellationToken ct)
    {
        IReadOnlyList<SlackUser> users;
        try
        {
            users = await slack.ListUsersAsync(ct);
        }
        catch (SlackApiException ex)
        {
            log.LogWarning("The daily member check could not list Slack's users ({Error}); deactivated people stay on rotations until the next check", ex.ErrorCode);
            return;
        }

        var departed = await follows.DepartedPeopleAsync();
        foreach (var user in users.Where(u => u.Deleted && !departed.Contains(u.Id)))
        {
            if ((await rotations.RotationsOfAsync(user.Id)).Count > 0)
            {
                await DepartAsync(user.Id, ct);
            }
        }
    }

    private async Task<FollowChanges> SyncUnguardedAsync(RotationSettings rotation, CancellationToken ct)
    {
        var sources = await follows.FollowsOfAsync(rotation.Id);
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            try
            {
                wanted.UnionWith(source.Kind == FollowKind.UserGroup
                    ? await slack.ListUserGroupMembersAsync(source.Id, ct)
                    : await slack.ListConversationMembersAsync(source.Id, ct));
            }
            catch (SlackApiException ex)
            {
                log.LogWarning("Rotation {Rotation}: could not read the members of {Source} ({Error}); its members stay as they are", rotation.Name, source.Id, ex.ErrorCode);
                return new FollowChanges([], []);
            }
        }

        var members = await rotations.MembersAsync(rotation.Id);
        var active = members.Where(m => m.IsActive).Select(m => m.UserId).ToHashSet(StringComparer.Ordinal);
        var ever = members.Select(m => m.UserId).ToHashSet(StringComparer.Ordinal);
        var departed = await follows.DepartedPeopleAsync();
        var changes = FollowPlan.Decide(wanted, active, ever, await follows.FollowedMembersAsync(rotation.Id), departed);

        var enrolled = new List<string>();
        foreach (var user in changes.Enrol)
        {
            if (await EnrolAsync(rotation, user, ct))
            {
                enrolled.Add(user);
            }
        }

        if (changes.Remove.Count > 0)
        {
            await RemoveAsync(rotation, changes.Remove, new HashSet<string>(StringComparer.Ordinal), ct);
        }

        if (enrolled.Count > 0 || changes.Remove.Count > 0)
        {
            log.LogInformation("Rotation {Rotation}: {Enrolled} joined and {Removed} left through the groups and channels it follows", rotation.Name, enrolled.Count, changes.Remove.Count);
        }

        return new FollowChanges(enrolled, changes.Remove);
    }

    private async Task<bool> EnrolAsync(RotationSettings rotation, string userId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        try
        {
            var user = await slack.GetUserInfoAsync(userId, ct);
            if (user.IsBot || user.Deleted)
            {
                return false;
            }
        }
        catch (SlackApiException ex)
        {
            log.LogInformation("Rotation {Rotation}: {User} not enrolled, Slack does not know them ({Error})", rotation.Name, userId, ex.ErrorCode);
            return false;
        }

        if (!await rotations.JoinAsync(rotation.Id, userId, now))
        {
            return false;
        }

        await follows.EnrolledAsync(rotation.Id, userId, now);
        var text = $"Welcome to the *{rotation.Name}* support rotation! You're on it because you're in a Slack group or channel it follows. Shifts fall in your working hours (09:00-17:00, Mon-Fri, in your Slack time zone) and come with the next planned period; reminders arrive before each. Questions: {ShiftText.Mentions(rotation.Owners)}.";
        await messenger.SendAsync($"followed:{rotation.Id}:{userId}:{now.ToUnixTimeMilliseconds()}", userId, new SlackMessage { Text = text, Blocks = [SupportBlocks.Section(text)] }, ct);
        return true;
    }

    private async Task RemoveAsync(RotationSettings rotation, IReadOnlyList<string> users, IReadOnlySet<string> notTold, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var before = await planning.LoadInputsAsync(rotation, now, ct);
        foreach (var user in users)
        {
            await rotations.LeaveAsync(rotation.Id, user, now);
            await follows.RemovedAsync(rotation.Id, user, now);
        }

        var after = await planning.LoadInputsAsync(rotation, now, ct);
        await planning.ReplanAsync(before, after, notTold, ct);
    }
}
