using SlackFeedbackBot.AppHome;
using SlackFeedbackBot.Slack.BlockKit;

namespace SlackFeedbackBot.Feedback;

/// <summary>What a feedback section of the Home tab is built for: the person and the moment.</summary>
public sealed record FeedbackHomeContext(string UserId, DateTimeOffset Now);

/// <summary>
/// One section of the feedback Home tab (new unclassified items, issues past a threshold, top issues of the week; the
/// triage sections have Order below 100, suggested merges belong at 20). A new section is one class and one line in
/// <see cref="FeedbackHomeRegistration"/>; a section with nothing to show returns no blocks.
/// </summary>
public interface IFeedbackHomeSection
{
    int Order { get; }

    Task<IReadOnlyList<Block>> BuildAsync(FeedbackHomeContext context, CancellationToken ct);
}

/// <summary>
/// The feedback part of the Home tab, only for the people who act on feedback: product-area owners
/// (<c>ProductAreas:Areas:*:Owners</c>) and feedback admins. Everyone else sees the Home tab as before.
/// </summary>
public sealed class FeedbackHomeTab(IEnumerable<IFeedbackHomeSection> sections, IProductAreaOwners areas, FeedbackAdmins admins, TimeProvider time) : IHomeTabSection
{
    public int Order => -100;

    public async Task<IReadOnlyList<Block>> BuildAsync(string userId, CancellationToken ct)
    {
        if (!areas.OwnsAnArea(userId) && !await admins.IsAdminAsync(userId, ct))
        {
            return [];
        }

        var context = new FeedbackHomeContext(userId, time.GetUtcNow());
        var blocks = new List<Block> { new HeaderBlock("Feedback to act on") };
        var shown = false;
        foreach (var section in sections.OrderBy(s => s.Order))
        {
            var built = await section.BuildAsync(context, ct);
            shown |= built.Count > 0;
            blocks.AddRange(built);
        }

        if (!shown)
        {
            blocks.Add(new SectionBlock("Nothing waits for triage, and no issue was reported this week."));
        }

        blocks.Add(new DividerBlock());
        return blocks;
    }
}
