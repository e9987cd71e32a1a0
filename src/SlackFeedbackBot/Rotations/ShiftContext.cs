using SlackFeedbackBot.Rotations.Storage;

namespace SlackFeedbackBot.Rotations;

/// <summary>Reads a shift and its rotation as they are now: a job holds only the key, so swaps and cancellations are seen.</summary>
public sealed class ShiftContext(ShiftRepository shifts, RotationRepository rotations)
{
    /// <summary>The shift and its rotation, or null when the shift is gone or cancelled.</summary>
    public async Task<(Shift Shift, RotationSettings Rotation)?> LiveAsync(string shiftKey)
    {
        var shift = await shifts.FindAsync(shiftKey);
        if (shift is null || shift.Status != ShiftStatus.Planned)
        {
            return null;
        }

        var rotation = await rotations.FindAsync(shift.RotationId);
        return rotation is null ? null : (shift, rotation);
    }
}
