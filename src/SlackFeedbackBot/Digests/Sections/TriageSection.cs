namespace SlackFeedbackBot.Digests;

/// <summary>Unclassified items nobody has triaged yet, oldest first.</summary>
public sealed class TriageSection : IDigestSection
{
    /// <summary>The unclassified items created in the period, from the feedback heard in it: nothing more to ask.</summary>
    public Task<DigestInput> LoadAsync(DigestLoad load, DigestInput input, CancellationToken ct) =>
        Task.FromResult(input with
        {
            NewUnclassified = input.Items.Where(item => item.Bucket == DigestBucket.UnclassifiedId && input.Period.Contains(item.CreatedAt)).ToList(),
        });

    public Digest Build(DigestInput input, Digest digest)
    {
        var waiting = Waiting(input);
        return digest with
        {
            Triage = new TriageSummary(waiting.Count, waiting.Take(input.Settings.UnclassifiedShown).Select(item => DigestBuilder.Line(item, input.Settings)).ToList()),
        };
    }

    /// <summary>The items waiting for triage in the digest's area, oldest first.</summary>
    public static List<DigestItem> Waiting(DigestInput input) =>
        input.NewUnclassified.Where(item => input.InArea(item.ProductArea))
            .OrderBy(item => item.CreatedAt).ThenBy(item => item.Id)
            .ToList();

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
