namespace SlackFeedbackBot.Digests;

/// <summary>The support rotation's period per person, and kind words for those who have not heard a customer yet.</summary>
public sealed class RotationSection : IDigestSection
{
    /// <summary>Each person's shifts in the period (asked of Rotations) and the feedback they captured on shift (asked of
    /// Feedback); in Slack, with their names and the people not heard from yet this month.</summary>
    public async Task<DigestInput> LoadAsync(DigestLoad load, DigestInput input, CancellationToken ct)
    {
        var period = load.Query.Period;
        var ledger = load.Sources.Rotations.ShiftOutcomesIn(period.From, period.To).ToDictionary(row => row.UserId);
        var captured = load.Sources.Feedback.CapturedOnShiftBy(period.From, period.To);
        var shifts = ledger.Keys.Union(captured.Keys)
            .Select(user =>
            {
                var outcomes = ledger.GetValueOrDefault(user);
                return new ShiftSummary(user, outcomes?.Served ?? 0, outcomes?.Missed ?? 0, outcomes?.Swapped ?? 0, captured.GetValueOrDefault(user));
            })
            .OrderBy(summary => summary.UserId, StringComparer.Ordinal)
            .ToList();
        input = input with { Shifts = shifts };
        if (load.People is { } people)
        {
            input = await people.Quiet.AddAsync(await people.Names.AddNamesAsync(input, ct), load.Query.Zone, ct);
        }
        return input;
    }

    public Digest Build(DigestInput input, Digest digest) => digest with
    {
        Rotation = new RotationSummary(
            input.Shifts
                .OrderBy(shift => shift.DisplayName ?? shift.UserId, StringComparer.OrdinalIgnoreCase)
                .ThenBy(shift => shift.UserId, StringComparer.Ordinal)
                .ToList(),
            input.NotHeardThisMonth
                .OrderBy(person => person.DisplayName ?? person.UserId, StringComparer.OrdinalIgnoreCase)
                .ThenBy(person => person.UserId, StringComparer.Ordinal)
                .ToList(),
            input.MonthName),
    };

    public IEnumerable<DigestPart> Blocks(Digest digest)
    {
        if (digest.Rotation.IsEmpty)
        {
            return [];
        }
        var rotation = digest.Rotation;
        var lines = new List<string>
        {
            $"*Support rotation:* {rotation.Served} served, {rotation.Missed} missed, {rotation.Swapped} swapped, "
            + $"{rotation.FeedbackCaptured} feedback captured",
        };
        lines.AddRange(rotation.People.Select(person =>
            $"• {Person(person.DisplayName, person.UserId)}: {person.Served} served, {person.Missed} missed, {person.Swapped} swapped, {person.FeedbackCaptured} captured"));
        if (rotation.NotHeardYet.Count > 0)
        {
            lines.Add(DigestLayout.NotHeardLine(rotation, rotation.NotHeardYet.Select(person => Person(person.DisplayName, person.UserId))));
        }
        return DigestMarkup.Sections(lines);
    }

    public IEnumerable<string> Text(Digest digest)
    {
        if (digest.Rotation.IsEmpty)
        {
            return [];
        }
        var rotation = digest.Rotation;
        var lines = new List<string>
        {
            "",
            "Support rotation",
            $"  {rotation.Served} served, {rotation.Missed} missed, {rotation.Swapped} swapped, {rotation.FeedbackCaptured} feedback captured",
        };
        lines.AddRange(rotation.People.Select(person =>
            $"  {person.DisplayName ?? person.UserId}: {person.Served} served, {person.Missed} missed, {person.Swapped} swapped, {person.FeedbackCaptured} captured"));
        if (rotation.NotHeardYet.Count > 0)
        {
            lines.Add("  " + DigestLayout.NotHeardLine(rotation, rotation.NotHeardYet.Select(p => p.DisplayName ?? p.UserId)).Replace("_", "", StringComparison.Ordinal));
        }
        return lines;
    }

    private static string Person(string? displayName, string userId) =>
        displayName is { Length: > 0 } name ? DigestMarkup.Name(name) : $"<@{DigestMarkup.Name(userId)}>";
}
