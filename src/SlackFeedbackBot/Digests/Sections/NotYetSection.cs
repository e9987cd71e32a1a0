using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Digests;

/// <summary>
/// "Not yet, but asked again": issues declined for now (status <c>not_yet</c>) that customers raised again in the period,
/// most asked first, so "not yet" is looked at again when the asking goes on.
/// </summary>
public sealed class NotYetSection : LoadlessDigestSection
{
    public const string Status = "not_yet";

    public static bool IsNotYet(DigestItem item) => string.Equals(item.Status, Status, StringComparison.Ordinal);

    /// <summary>From the items as heard in the period (their reports of the period only).</summary>
    public static NotYetSummary Build(IEnumerable<DigestItem> heard, DigestSettings settings)
    {
        var asked = heard.Where(IsNotYet)
            .Select(item => new NotYetLine(item.Id, SlackText.Excerpt(item.Text, settings.QuoteMaxLength), item.Permalink, item.TotalReports, item.Customers.Count()))
            .OrderByDescending(line => line.Reports).ThenByDescending(line => line.Customers).ThenBy(line => line.Id)
            .ToList();
        var shown = asked.Take(settings.NotYetShown).ToList();
        return new NotYetSummary(shown, asked.Count - shown.Count);
    }

    public override Digest Build(DigestInput input, Digest digest) => digest with { NotYet = Build(input.HeardInArea(), input.Settings) };

    public override IEnumerable<DigestPart> Blocks(Digest digest)
    {
        if (digest.NotYet.IsEmpty)
        {
            return [];
        }
        var lines = new List<string> { "*Not yet, but asked again*" };
        lines.AddRange(digest.NotYet.Shown.Select(line =>
            $"• #{line.Id} {DigestMarkup.Said(line.Quote)}: {line.Counts}{DigestMarkup.Link(line.Permalink)}"));
        if (digest.NotYet.NotShown > 0)
        {
            lines.Add($"_…and {digest.NotYet.NotShown} more_");
        }
        return [new DigestPart(DigestPartKind.Divider), .. DigestMarkup.Sections(lines)];
    }

    public override IEnumerable<string> Text(Digest digest)
    {
        if (digest.NotYet.IsEmpty)
        {
            return [];
        }
        var lines = new List<string> { "", "Not yet, but asked again" };
        lines.AddRange(digest.NotYet.Shown.Select(line => $"  - #{line.Id} \"{line.Quote}\": {line.Counts}{DigestMarkup.LinkSuffix(line.Permalink)}"));
        if (digest.NotYet.NotShown > 0)
        {
            lines.Add($"  ...and {digest.NotYet.NotShown} more");
        }
        return lines;
    }
}
