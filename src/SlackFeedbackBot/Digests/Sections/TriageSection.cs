namespace SlackFeedbackBot.Digests;

/// <summary>Unclassified items nobody has triaged yet, oldest first.</summary>
public sealed class TriageSection : IDigestSection
{
    public IEnumerable<DigestPart> Blocks(Digest digest)
    {
        var lines = new List<string> { $"*Waiting for triage:* {Plural.Of(digest.Triage.Waiting, "unclassified item")}" };
        lines.AddRange(digest.Triage.Shown.Select(DigestMarkup.ItemLine));
        if (digest.Triage.NotShown > 0)
        {
            lines.Add($"_…and {digest.Triage.NotShown} more_");
        }
        return [new DigestPart(DigestPartKind.Divider), .. DigestMarkup.Sections(lines)];
    }

    public IEnumerable<string> Text(Digest digest) =>
    [
        "",
        $"Waiting for triage: {Plural.Of(digest.Triage.Waiting, "unclassified item")}",
        .. DigestMarkup.TextItemLines(digest.Triage.Shown, digest.Triage.NotShown),
    ];
}
