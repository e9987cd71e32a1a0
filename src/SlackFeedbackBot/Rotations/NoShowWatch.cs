using SlackFeedbackBot.Rotations.People;
using SlackFeedbackBot.Rotations.Slack;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.BlockKit;

namespace SlackFeedbackBot.Rotations;

/// <summary>
/// After the start: whoever has not said "I'm on it" gets one nudge (default +5 minutes), in their own time zone; if
/// someone still has not at the escalation point (default +30 minutes), the rotation's owners are told so someone
/// covers, and the person is offered free times to make the shift up (<see cref="MakeUpShifts"/>).
/// </summary>
public sealed class NoShowWatch(ShiftContext context, ShiftRepository shifts, DirectMessenger messenger, PeopleZones zones, MakeUpShifts makeUps, TimeProvider time)
{
    /// <summary>Returns the people nudged.</summary>
    public async Task<IReadOnlyList<string>> NudgeAsync(string shiftKey, CancellationToken ct)
    {
        if (await MissingAsync(shiftKey) is not { } found)
        {
            return [];
        }

        var (shift, rotation, missing) = found;
        var nudged = new List<string>();
        foreach (var user in missing)
        {
            var zone = await zones.ZoneOfAsync(user, ct);
            var text = $"Your *{rotation.Name}* support shift started at {ShiftText.Time(shift.Start, zone)} ({zone.Id}). Customers are waiting in {ShiftText.Channel(rotation.SupportChannel)}: head there and press \"I'm on it\".";
            var message = new SlackMessage
            {
                Text = text,
                Blocks = [SupportBlocks.Section(text), SupportBlocks.Actions(SupportBlocks.Button("I'm on it", ShiftReminders.AckActionId, shift.Key, ButtonStyle.Primary))],
            };
            if (await messenger.SendAsync($"nudge:{shift.Key}:{user}", user, message, ct))
            {
                nudged.Add(user);
            }
        }

        return nudged;
    }

    /// <summary>Returns true when the owners were told now.</summary>
    public async Task<bool> EscalateAsync(string shiftKey, CancellationToken ct)
    {
        if (await MissingAsync(shiftKey) is not { } found || found.Missing.Count == 0)
        {
            return false;
        }

        var (shift, rotation, missing) = found;
        var told = false;
        foreach (var owner in rotation.Owners)
        {
            var zone = await zones.ZoneOfAsync(owner, ct);
            var text = $"{ShiftText.Mentions(missing)} {(missing.Count == 1 ? "has" : "have")} not shown up for the *{rotation.Name}* support shift that started at {ShiftText.Time(shift.Start, zone)} (until {ShiftText.Time(shift.End, zone)}, {zone.Id}). Can someone cover {ShiftText.Channel(rotation.SupportChannel)}?";
            told |= await messenger.SendAsync($"escalate:{shift.Key}:{owner}", owner, new SlackMessage { Text = text, Blocks = [SupportBlocks.Section(text)] }, ct);
        }

        foreach (var user in missing)
        {
            await makeUps.OfferAsync(shift, rotation, user, ct);
        }

        return told;
    }

    private async Task<(Shift Shift, RotationSettings Rotation, IReadOnlyList<string> Missing)?> MissingAsync(string shiftKey)
    {
        if (await context.LiveAsync(shiftKey) is not { } found || time.GetUtcNow() >= found.Shift.End)
        {
            return null;
        }

        var acked = await shifts.AckedAsync(shiftKey);
        return (found.Shift, found.Rotation, found.Shift.Participants.Where(p => !acked.Contains(p)).ToList());
    }
}
