using System.Text;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Digests;

/// <summary>
/// One section of a digest, in one class: what it loads for the digest's query (through the features' query APIs, in
/// one batch), what it builds from that, and how it reads in Slack (Block Kit parts, mrkdwn, within Slack's limits, people's
/// text defused) and in the terminal (plain lines). A new section is one class, registered in one line with
/// <see cref="DigestServiceCollectionExtensions.AddDigestSection{TSection}"/>; a section that needs facts of its own keeps
/// them in <see cref="DigestInput.SectionData"/> and <see cref="Digest.SectionData"/>.
/// </summary>
public interface IDigestSection
{
    /// <summary>Adds to the input what this section shows beyond the feedback heard in the period, which every digest
    /// has loaded already (<see cref="DigestBuilder.LoadAsync"/>). Sections load in the order they are registered.</summary>
    Task<DigestInput> LoadAsync(DigestLoad load, DigestInput input, CancellationToken ct);

    /// <summary>Builds this section's part of the digest from the input alone (pure); the parts of the sections before
    /// it are built already.</summary>
    Digest Build(DigestInput input, Digest digest);

    /// <summary>The section's Block Kit parts; none when it has nothing to show.</summary>
    IEnumerable<DigestPart> Blocks(Digest digest);

    /// <summary>The section's plain-text lines, starting with the blank line that sets it apart; none when it has nothing to show.</summary>
    IEnumerable<string> Text(Digest digest);
}

/// <summary>A section that shows only what the input holds already: nothing to load.</summary>
public abstract class LoadlessDigestSection : IDigestSection
{
    public Task<DigestInput> LoadAsync(DigestLoad load, DigestInput input, CancellationToken ct) => Task.FromResult(input);

    public abstract Digest Build(DigestInput input, Digest digest);

    public abstract IEnumerable<DigestPart> Blocks(Digest digest);

    public abstract IEnumerable<string> Text(Digest digest);
}

/// <summary>What a digest loads from: its query, how much it shows, the features' query APIs, and Slack's names for
/// people when the digest goes to Slack.</summary>
public sealed record DigestLoad(DigestQuery Query, DigestSettings Settings, DigestSources Sources)
{
    /// <summary>Names and the people not heard from yet, for a digest posted to Slack; none for the CLI.</summary>
    public DigestPeople? People { get; init; }

    public FeedbackFilter Filter => new(Query.Filter.Bucket, Query.Filter.ProductArea);
}

/// <summary>The built-in sections, in the order they are shown.</summary>
public static class DigestSections
{
    public static IReadOnlyList<IDigestSection> All { get; } =
    [
        new HeaderSection(),
        new BucketCountsSection(),
        new TopIssuesSection(),
        new NotYetSection(),
        new TriageSection(),
        new ResolvedSection(),
        new ThresholdsSection(),
        new RotationSection(),
    ];
}

/// <summary>What every section does to people's text before Slack shows it, and how lines become sections.</summary>
internal static class DigestMarkup
{
    // People's text is cut before it is escaped, so a cut never splits an entity or a link.
    public const int MaxQuote = 300;
    public const int MaxName = 100;

    public static string Said(string text) => SlackText.Excerpt(SlackText.Defuse(text), MaxQuote);

    public static string Name(string text) => SlackText.Excerpt(SlackText.Defuse(text), MaxName);

    public static string Link(string? permalink) => permalink is null ? "" : " " + SlackText.Link(permalink, "view");

    public static string LinkSuffix(string? permalink) => permalink is null ? "" : $" {permalink}";

    public static string ItemLine(DigestItemLine line)
    {
        var note = line.Note is null ? "" : $" → {Said(line.Note)}";
        return $"• {Said(line.Quote)}{note}{Link(line.Permalink)}";
    }

    public static IEnumerable<string> TextItemLines(IReadOnlyList<DigestItemLine> lines, int notShown)
    {
        foreach (var line in lines)
        {
            var note = line.Note is null ? "" : $" -> {line.Note}";
            yield return $"  - \"{line.Quote}\"{note}{LinkSuffix(line.Permalink)}";
        }
        if (notShown > 0)
        {
            yield return $"  ...and {notShown} more";
        }
    }

    // Lines are packed into sections below Slack's limit; a single overlong line is cut.
    public static IEnumerable<DigestPart> Sections(IEnumerable<string> lines)
    {
        var section = new StringBuilder();
        foreach (var line in lines.Select(line => SlackText.Truncate(line, DigestLayout.MaxSection)))
        {
            if (section.Length > 0 && section.Length + 1 + line.Length > DigestLayout.MaxSection)
            {
                yield return new DigestPart(DigestPartKind.Text, section.ToString());
                section.Clear();
            }
            section.Append(section.Length > 0 ? "\n" : "").Append(line);
        }
        if (section.Length > 0)
        {
            yield return new DigestPart(DigestPartKind.Text, section.ToString());
        }
    }
}
