using SlackFeedbackBot.Rotations.Slack;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.BlockKit;

namespace SlackFeedbackBot.Rotations;

/// <summary>
/// The reminder DM before a shift: what it is for, where to go, and an "I'm on it" button. It goes to whoever holds the
/// shift when it fires, once per person and offset; one that fires late (the bot was down) is still sent until the
/// shift ends, and says so.
/// </summary>
public sealed class ShiftReminders(ShiftContext context, DirectMessenger messenger, PeopleZones zones, TimeProvider time, ILogger<ShiftReminders> log)
{
    public const string AckActionId = "support_ack";
    public static readonly TimeSpan LateAfter = TimeSpan.FromMinutes(2);

    /// <summary>Returns how many people are reminded now (their DMs are in the outbox).</summary>
    public async Task<int> RemindAsync(string shiftKey, TimeSpan offset, CancellationToken ct)
    {
        var live = await context.LiveAsync(shiftKey);
        var now = time.GetUtcNow();
        if (live is not { } found || now >= found.Shift.End)
        {
            return 0;
        }

        var (shift, rotation) = found;

        // After downtime several reminders fire at once; the closest one still to come (or just due) says it all.
        if (rotation.ReminderOffsets.Any(o => o < offset && shift.Start - o <= now))
        {
            return 0;
        }

        var late = now - (shift.Start - offset) > LateAfter;
        var sent = 0;
        foreach (var user in shift.Participants)
        {
            var key = $"reminder:{shift.Key}:{(long)offset.TotalMinutes}m:{user}";
            var zone = await zones.ZoneOfAsync(user, ct);
            var message = Compose(shift, rotation, zone, now, late);
            if (await messenger.SendAsync(key, user, message, ct))
            {
                sent++;
            }
        }

        if (late)
        {
            log.LogInformation("Reminder for shift {Shift} sent late to {Count} people", shift.Key, sent);
        }

        return sent;
    }

    public static SlackMessage Compose(Shift shift, RotationSettings rotation, TimeZoneInfo zone, DateTimeOffset now, bool late)
    {
        var channel = ShiftText.Channel(rotation.SupportChannel);
        var when = shift.Start > now
            ? $"starts {ShiftText.Until(shift.Start - now)}"
            : $"started at {ShiftText.Time(shift.Start, zone)}";
        var lateNote = late ? " (sent late: the bot was offline)" : "";
        var headline = $"Reminder: your {ShiftText.ShiftOf(rotation.Name)} {when}: {ShiftText.When(shift, zone)}.{lateNote}";
        var purpose = $"*What it's for:* answer customers in {channel}, capture what you hear with `/feedback`.\n*Where to go:* {channel}.";
        return new SlackMessage
        {
            Text = $"{headline} Answer customers in {channel}, capture what you hear with /feedback.",
            Blocks =
            [
                SupportBlocks.Section(headline),
                SupportBlocks.Section(purpose),
                SupportBlocks.Actions(SupportBlocks.Button("I'm on it", AckActionId, shift.Key, ButtonStyle.Primary)),
            ],
        };
    }
}
