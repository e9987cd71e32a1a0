namespace SlackFeedbackBot.Digests;

/// <summary>What was resolved in the period and how many reporters were told.</summary>
public sealed class ResolvedSection : IDigestSection
{
    /// <summary>The issues resolved in the period (whenever they were created), with how many reporters were told.</summary>
    public Task<DigestInput> LoadAsync(DigestLoad load, DigestInput input, CancellationToken ct) =>
        Task.FromResult(input with
        {
            Resolved = load.Sources.Feedback.ResolvedIn(load.Query.Period.From, load.Query.Period.To, load.Filter)
                .Select(issue => DigestBuilder.ToItem(issue, [])).ToList(),
        });

    public Digest Build(DigestInput input, Digest digest)
    {
        var resolved = InPeriod(input);
        return digest with
        {
            Resolved = new ResolvedSummary(
                resolved.Count,
                resolved.Sum(item => item.ReportersTold),
                resolved.Take(input.Settings.ResolvedShown).Select(item => DigestBuilder.Line(item, input.Settings, item.ResolutionNote)).ToList()),
        };
    }

    /// <summary>The items resolved in the period in the digest's area, in the order they were resolved.</summary>
    public static List<DigestItem> InPeriod(DigestInput input) =>
        input.Resolved
            .Where(item => item.ResolvedAt is { } at && input.Period.Contains(at) && input.InArea(item.ProductArea))
            .OrderBy(item => item.ResolvedAt).ThenBy(item => item.Id)
            .ToList();

    public IEnumerable<DigestPart> Blocks(Digest digest) =>
        DigestMarkup.Sections([$"*Closed the loop:* {digest.Resolved.Sentence}", .. digest.Resolved.Shown.Select(DigestMarkup.ItemLine)]);

    public IEnumerable<string> Text(Digest digest) =>
        ["", "Closed the loop", $"  {digest.Resolved.Sentence}", .. DigestMarkup.TextItemLines(digest.Resolved.Shown, 0)];
}
