using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Rotations;

/// <summary>
/// Each person's own time zone: their override on a rotation, else what Slack's users.info says (remembered on the
/// member row), else the rotation's zone. Slack is asked at most once per person until it answers.
/// </summary>
public sealed class PeopleZones(RotationRepository rotations, ISlackApiClient slack, ILogger<PeopleZones> log)
{
    /// <summary>Fills in Slack's time zone for members who have neither an override nor a remembered zone.</summary>
    public async Task<IReadOnlyList<StoredMember>> CompleteAsync(IReadOnlyList<StoredMember> members, CancellationToken ct)
    {
        var completed = new List<StoredMember>(members.Count);
        foreach (var member in members)
        {
            if (member.TimeZoneOverride is not null || member.SlackTimeZone is not null)
            {
                completed.Add(member);
                continue;
            }

            var zone = await AskSlackAsync(member.UserId, ct);
            completed.Add(zone is null ? member : member with { SlackTimeZone = zone });
        }

        return completed;
    }

    /// <summary>The zone to read a person's dates in, wherever they are known from.</summary>
    public async Task<TimeZoneInfo> ZoneOfAsync(string userId, CancellationToken ct)
    {
        foreach (var rotation in await rotations.RotationsOfAsync(userId))
        {
            var member = (await rotations.MembersAsync(rotation.Id)).FirstOrDefault(m => m.UserId == userId);
            if ((member?.TimeZoneOverride ?? member?.SlackTimeZone) is { } known && TimeZoneInfo.TryFindSystemTimeZoneById(known, out var found))
            {
                return found;
            }
        }

        var asked = await AskSlackAsync(userId, ct);
        return asked is not null && TimeZoneInfo.TryFindSystemTimeZoneById(asked, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    private async Task<string?> AskSlackAsync(string userId, CancellationToken ct)
    {
        try
        {
            var user = await slack.GetUserInfoAsync(userId, ct);
            if (user.Tz is { } tz && TimeZoneInfo.TryFindSystemTimeZoneById(tz, out _))
            {
                await rotations.SetSlackTimeZoneAsync(userId, tz);
                return tz;
            }
        }
        catch (SlackApiException ex)
        {
            log.LogWarning("Could not read the time zone of {User} from Slack ({Error}); using the rotation's zone", userId, ex.ErrorCode);
        }

        return null;
    }
}
