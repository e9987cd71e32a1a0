namespace SlackFeedbackBot.Digests;

/// <summary>What was resolved in the period and how many reporters were told.</summary>
public sealed class ResolvedSection : IDigestSection
{
    public IEnumerable<DigestPart> Blocks(Digest digest) =>
        DigestMarkup.Sections([$"*Closed the loop:* {digest.Resolved.Sentence}", .. digest.Resolved.Shown.Select(DigestMarkup.ItemLine)]);

    public IEnumerable<string> Text(Digest digest) =>
        ["", "Closed the loop", $"  {digest.Resolved.Sentence}", .. DigestMarkup.TextItemLines(digest.Resolved.Shown, 0)];
}
