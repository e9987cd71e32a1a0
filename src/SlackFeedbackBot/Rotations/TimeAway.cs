using System.Globalization;
using SlackFeedbackBot.Rotations.Planning;
using SlackFeedbackBot.Rotations.Storage;

namespace SlackFeedbackBot.Rotations;

/// <summary>The answer to a request: whether anything changed, and what to tell the person.</summary>
public sealed record SupportOutcome(bool Changed, string Text)
{
    /// <summary>Set when the request was refused as written, so the answer gives the typed text back to fix.</summary>
    public bool IsRefusal { get; init; }

    public static SupportOutcome Refused(string text) => new(false, text) { IsRefusal = true };
}

/// <summary>
/// Records time off (whole days in the person's own zone) and re-plans every rotation they are on; only people whose
/// shifts moved are told. Bad dates change nothing.
/// </summary>
public sealed class TimeAway(RotationRepository rotations, RotationPlanning planning, PeopleZones zones, TimeProvider time)
{
    public const string Usage = "`/support away <from> <to>`, e.g. `/support away dec 24 jan 2`, `/support away 2026-12-24 2026-12-31`, `/support away tomorrow`";

    /// <summary>How far ahead time off can be noted: plans reach a few months ahead, and a day near 9999-12-31 has no next day to end on.</summary>
    public const int MaxYearsAhead = 2;

    public async Task<SupportOutcome> RequestAsync(string userId, string text, CancellationToken ct)
    {
        var zone = await zones.ZoneOfAsync(userId, ct);
        var today = DateOnly.FromDateTime(LocalTimeResolver.ToLocal(time.GetUtcNow(), zone));
        if (!SupportDates.TryParseRange(text, today, out var from, out var to))
        {
            return SupportOutcome.Refused($"I couldn't read `{text}` as dates. Try {Usage}.");
        }

        return await RequestAsync(userId, from, to, ct);
    }

    public async Task<SupportOutcome> RequestAsync(string userId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var zone = await zones.ZoneOfAsync(userId, ct);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(LocalTimeResolver.ToLocal(now, zone));
        if (from < today)
        {
            return SupportOutcome.Refused($"{Format(from)} is in the past (today is {Format(today)} in {zone.Id}). Time off has to start today or later.");
        }

        if (to < from)
        {
            return SupportOutcome.Refused($"The end ({Format(to)}) is before the start ({Format(from)}). Try {Usage}.");
        }

        var latest = today.AddYears(MaxYearsAhead);
        if (to > latest)
        {
            return SupportOutcome.Refused($"{Format(to)} is too far ahead: time off can be noted up to {MaxYearsAhead} years ahead (until {Format(latest)}).");
        }

        var onRotations = await rotations.RotationsOfAsync(userId);
        if (onRotations.Count == 0)
        {
            return SupportOutcome.Refused("You're not on a support rotation, so there are no shifts to move. Join one with `/support join <rotation>`.");
        }

        var before = new List<PlanInputs>();
        foreach (var rotation in onRotations)
        {
            before.Add(await planning.LoadInputsAsync(rotation, now, ct));
        }

        await rotations.AddTimeOffAsync(TimeOff.ForDays(userId, from, to, zone.Id), now);
        var moves = new List<ShiftMove>();
        foreach (var inputs in before)
        {
            var after = await planning.LoadInputsAsync(inputs.Rotation, now, ct);
            moves.AddRange(await planning.ReplanAsync(inputs, after, ct));
        }

        var mine = moves.Where(m => m.UserId == userId).ToList();
        var others = moves.Select(m => m.UserId).Where(u => u != userId).Distinct().Count();
        var summary = mine.Count == 0
            ? "None of your shifts had to move."
            : "Your shifts moved:\n" + string.Join("\n", mine.Select(m => $"• {Describe(m.Before, zone)} → {Describe(m.After, zone)}"));
        var othersNote = others == 0 ? "" : $"\n{others} other {(others == 1 ? "person was" : "people were")} told about their moved shifts.";
        return new SupportOutcome(true, $"Away from {Format(from)} to {Format(to)} noted. {summary}{othersNote}");
    }

    private static string Describe(PlannedShift? shift, TimeZoneInfo zone) => shift is null ? "no shift" : ShiftText.When(shift, zone);

    private static string Format(DateOnly day) => day.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);
}
