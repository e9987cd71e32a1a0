namespace SlackFeedbackBot.Digests;

/// <summary>The support rotation's period per person, and kind words for those who have not heard a customer yet.</summary>
public sealed class RotationSection : IDigestSection
{
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
