using System.Collections.Concurrent;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Outbox;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Rotations;

/// <summary>
/// At a shift's start: says in the support channel who is on and until when (UTC and each person's local time), then,
/// if the rotation asks for it, sets the channel topic and the user group to the people on shift. A topic or user group
/// Slack refuses (permission_denied, plan_upgrade_required...) is logged once and never stops the post.
/// </summary>
public sealed class ShiftStart(ShiftContext context, ISlackApiClient slack, ISlackOutbox outbox, PeopleZones zones, ILogger<ShiftStart> log)
{
    public const int TopicLimit = 250;
    private readonly ConcurrentDictionary<string, bool> _reported = new(StringComparer.Ordinal);

    public async Task<bool> AnnounceAsync(string shiftKey, CancellationToken ct)
    {
        if (await context.LiveAsync(shiftKey) is not { } found)
        {
            return false;
        }

        var (shift, rotation) = found;
        var people = shift.Participants.ToList();
        // Each person is named once; their local end times follow, once per zone that is not UTC itself.
        var localTimes = new List<string>();
        foreach (var user in people)
        {
            var zone = await zones.ZoneOfAsync(user, ct);
            var local = $"{ShiftText.Time(shift.End, zone)} {zone.Id}";
            var isUtc = zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime;
            if (!isUtc && !localTimes.Contains(local))
            {
                localTimes.Add(local);
            }
        }

        var verb = people.Count == 1 ? "is" : "are";
        var text = $"{ShiftText.Mentions(people)} {verb} on support until {ShiftText.Time(shift.End, TimeZoneInfo.Utc)} UTC{(localTimes.Count == 0 ? "" : $" ({string.Join(", ", localTimes)})")}.";
        // Once per shift, through the outbox; the topic and user group are set only by the run that enqueued it.
        if (!await outbox.EnqueueAsync($"start:{shift.Key}", SlackEffects.Post(rotation.SupportChannel, new SlackMessage { Text = text }), ct))
        {
            return false;
        }

        if (rotation.SetTopic)
        {
            var names = new List<string>();
            foreach (var user in people)
            {
                names.Add(await DisplayNameAsync(user, ct));
            }

            var topic = SlackText.Truncate($"On support: {string.Join(", ", names)} until {ShiftText.Time(shift.End, TimeZoneInfo.Utc)} UTC", TopicLimit);
            await TryAsync(rotation, "conversations.setTopic", c => slack.SetConversationTopicAsync(rotation.SupportChannel, topic, c), ct);
        }

        if (rotation.UserGroupId is { } group && people.Count > 0)
        {
            await TryAsync(rotation, "usergroups.users.update", c => slack.UpdateUserGroupUsersAsync(group, people, c), ct);
        }

        return true;
    }

    private async Task<string> DisplayNameAsync(string userId, CancellationToken ct)
    {
        try
        {
            var user = await slack.GetUserInfoAsync(userId, ct);
            return "@" + (string.IsNullOrWhiteSpace(user.DisplayName) ? user.Name : user.DisplayName);
        }
        catch (SlackApiException)
        {
            return userId;
        }
    }

    private async Task TryAsync(RotationSettings rotation, string method, Func<CancellationToken, Task> call, CancellationToken ct)
    {
        try
        {
            await call(ct);
        }
        catch (SlackApiException ex)
        {
            if (_reported.TryAdd($"{rotation.Id}:{method}:{ex.ErrorCode}", true))
            {
                log.LogWarning("Rotation {Rotation}: Slack refused {Method} ({Error}); shifts are still announced in the channel", rotation.Name, method, ex.ErrorCode);
            }
        }
    }

}
