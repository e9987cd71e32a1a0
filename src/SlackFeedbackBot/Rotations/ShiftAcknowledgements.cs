using SlackFeedbackBot.Rotations.Storage;

namespace SlackFeedbackBot.Rotations;

/// <summary>"I'm on it" and hand-off notes: both attach to the person's shift (current, or close to it).</summary>
public sealed class ShiftAcknowledgements(ShiftRepository shifts, TimeProvider time)
{
    /// <summary>How long before the start "I'm on it" counts, and how long after the end a hand-off note still attaches.</summary>
    public static readonly TimeSpan AckWindow = TimeSpan.FromHours(24);
    public static readonly TimeSpan HandoffGrace = TimeSpan.FromHours(2);

    public async Task<SupportOutcome> AckAsync(string userId, string? shiftKey, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var shift = shiftKey is null
            ? (await shifts.UpcomingForAsync(userId, now, 1)).FirstOrDefault(s => s.Start - now <= AckWindow)
            : await shifts.FindAsync(shiftKey);
        if (shift is null || shift.Status != ShiftStatus.Planned || !shift.IsParticipant(userId))
        {
            return SupportOutcome.Refused("You have no support shift to acknowledge right now.");
        }

        if (now >= shift.End)
        {
            return SupportOutcome.Refused("That shift is already over.");
        }

        var recorded = await shifts.AckAsync(shift.Key, userId, now);
        return new SupportOutcome(recorded, recorded ? "Thanks, you're on it. Customers are in good hands." : "Already noted: you're on it.");
    }

    public async Task<SupportOutcome> AddHandoffAsync(string userId, string note, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            return SupportOutcome.Refused("Write the note after the command: `/support handoff <note>`.");
        }

        var now = time.GetUtcNow();
        var shift = (await shifts.UpcomingForAsync(userId, now - HandoffGrace, 3)).FirstOrDefault(s => s.Start <= now);
        if (shift is null)
        {
            return SupportOutcome.Refused("You're not on a support shift now (or just after one), so there is nothing to hand off.");
        }

        await shifts.AddHandoffNoteAsync(shift.Key, userId, note.Trim(), now);
        return new SupportOutcome(true, "Hand-off note saved: the next people on shift get it when yours ends.");
    }
}
