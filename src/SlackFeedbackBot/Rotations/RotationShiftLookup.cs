using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Rotations.Storage;

namespace SlackFeedbackBot.Rotations;

/// <summary>
/// Tags feedback with the shift it was heard on: the shift the person is on at that moment, or the one they left within
/// <see cref="AfterShiftGrace"/> (the "What did you hear?" question arrives at the end, so its answers come just after).
/// </summary>
public sealed class RotationShiftLookup(ShiftRepository shifts) : ICurrentShiftLookup
{
    public static readonly TimeSpan AfterShiftGrace = TimeSpan.FromHours(2);

    public async Task<string?> ShiftKeyFor(string userId, DateTimeOffset at)
    {
        var recent = await shifts.UpcomingForAsync(userId, at - AfterShiftGrace, 5);
        var current = recent.FirstOrDefault(s => s.Start <= at && at < s.End);
        return (current ?? recent.Where(s => s.End <= at).OrderByDescending(s => s.End).FirstOrDefault())?.Key;
    }
}
