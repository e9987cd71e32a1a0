using System.Text.Json;
using Quartz;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Rotations.People;

/// <summary><c>subteam_members_changed</c>: the rotations following the group catch up with it.</summary>
public sealed class UserGroupMembersChanged(MemberSync sync) : IEventHandler
{
    public const string EventType = "subteam_members_changed";

    public async Task HandleAsync(EventCallback callback, CancellationToken ct)
    {
        if (callback.Event.Extra?.GetValueOrDefault("subteam_id") is { ValueKind: JsonValueKind.String } id && id.GetString() is { Length: > 0 } group)
        {
            await sync.SyncFollowersOfAsync(new FollowSource(FollowKind.UserGroup, group), ct);
        }
    }
}

/// <summary><c>member_joined_channel</c> and <c>member_left_channel</c>: the rotations following the channel catch up with it.</summary>
public sealed class ChannelMembershipChanged(MemberSync sync) : IEventHandler
{
    public const string JoinedEventType = "member_joined_channel";
    public const string LeftEventType = "member_left_channel";

    public async Task HandleAsync(EventCallback callback, CancellationToken ct)
    {
        if (callback.Event.Channel is { Length: > 0 } channel)
        {
            await sync.SyncFollowersOfAsync(new FollowSource(FollowKind.Channel, channel), ct);
        }
    }
}

/// <summary><c>user_change</c>: a deactivated account leaves every rotation (Slack's users.info confirms it first).</summary>
public sealed class UserChanged(MemberSync sync) : IEventHandler
{
    public const string EventType = "user_change";

    public async Task HandleAsync(EventCallback callback, CancellationToken ct)
    {
        if (callback.Event.User is { Length: > 0 } user)
        {
            await sync.UserChangedAsync(user, ct);
        }
    }
}

/// <summary>The daily check: every followed group and channel read again, deactivated accounts taken off.</summary>
[DisallowConcurrentExecution]
public sealed class MemberSyncJob(MemberSync sync) : IJob
{
    public static readonly JobKey Key = new("rotation-member-sync", Scheduling.ShiftScheduler.JobGroup);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await sync.SyncAllAsync(cancellationToken);
}
