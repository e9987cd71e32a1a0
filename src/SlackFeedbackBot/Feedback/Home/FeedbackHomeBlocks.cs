using System.Globalization;
using SlackFeedbackBot.Slack.BlockKit;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Feedback;

/// <summary>How the feedback Home sections show an item: one line about it, and its one-click actions.</summary>
public sealed class FeedbackHomeBlocks(FeedbackBuckets buckets)
{
    public const string BucketAction = "feedback_home_bucket";
    public const string PlanAction = "feedback_home_plan";
    public const string NotYetAction = "feedback_home_not_yet";
    public const string ResolveAction = "feedback_home_resolve";

    private const int TextLength = 160;

    /// <summary>The section's title line and, per item, its line and its actions; nothing when there are no items.</summary>
    public IReadOnlyList<Block> Section(string section, string title, IReadOnlyList<HomeItem> items, string recentLabel)
    {
        if (items.Count == 0)
        {
            return [];
        }

        var blocks = new List<Block> { new SectionBlock($"*{title}*") };
        foreach (var (item, recent) in items)
        {
            blocks.Add(new SectionBlock(Line(item, recent, recentLabel)));
            blocks.Add(Actions(section, item));
        }

        return blocks;
    }

    private string Line(FeedbackItem item, int recent, string recentLabel)
    {
        var customer = item.Customer is null ? "" : $" · {SlackText.Defuse(item.Customer)}";
        var status = item.Status == FeedbackStatus.Open ? "" : $" · {StatusNames.Display(item.Status)}";
        var reports = recent > 0 ? $" · {recent} report{(recent == 1 ? "" : "s")} {recentLabel}" : "";
        return $"*#{item.Id}* {buckets.Display(item.Bucket)}{customer}{status}{reports}\n{SlackText.Truncate(SlackText.Defuse(item.Text).ReplaceLineEndings(" "), TextLength)}";
    }

    private ActionsBlock Actions(string section, FeedbackItem item)
    {
        var id = item.Id.ToString(CultureInfo.InvariantCulture);
        var options = buckets.All.Select(b => new SelectOption(b.DisplayName, $"{id}:{b.Id}")).ToList();
        var current = options.FirstOrDefault(o => o.Value == $"{id}:{item.Bucket}");
        var elements = new List<IActionElement> { new StaticSelectElement(BucketAction, options, current, "Bucket") };
        if (item.Status != FeedbackStatus.Planned)
        {
            elements.Add(new ButtonElement("Plan", PlanAction, id));
        }

        if (item.Status != FeedbackStatus.NotYet)
        {
            elements.Add(new ButtonElement("Not yet", NotYetAction, id));
        }

        elements.Add(new ButtonElement("Resolve", ResolveAction, id, style: ButtonStyle.Primary));
        return new ActionsBlock(elements) { BlockId = $"feedback_home:{section}:{id}" };
    }
}

/// <summary>New items no rule classified, from the last week: pick their bucket.</summary>
public sealed class UnclassifiedSection(FeedbackHomeQueries queries, FeedbackHomeBlocks blocks) : IFeedbackHomeSection
{
    public const int Shown = 5;

    public int Order => 10;

    public Task<IReadOnlyList<Block>> BuildAsync(FeedbackHomeContext context, CancellationToken ct) =>
        Task.FromResult(blocks.Section("unclassified", ":inbox_tray: New and unclassified", queries.NewUnclassified(context.Now.AddDays(-7), Shown), "this week"));
}

/// <summary>Open issues an alert fired for within the threshold's window: heard often enough, or from a high-value customer.</summary>
public sealed class PastThresholdSection(FeedbackHomeQueries queries, FeedbackHomeBlocks blocks, Microsoft.Extensions.Options.IOptions<FeedbackOptions> options) : IFeedbackHomeSection
{
    public const int Shown = 5;

    public int Order => 30;

    public Task<IReadOnlyList<Block>> BuildAsync(FeedbackHomeContext context, CancellationToken ct)
    {
        var days = options.Value.Thresholds.WithinDays;
        return Task.FromResult(blocks.Section("threshold", ":rotating_light: Past their threshold", queries.PastThreshold(context.Now.AddDays(-days), Shown), $"in {days} days"));
    }
}

/// <summary>The unresolved issues with the most reports in the last seven days, old issues included.</summary>
public sealed class TopIssuesSection(FeedbackHomeQueries queries, FeedbackHomeBlocks blocks) : IFeedbackHomeSection
{
    public const int Shown = 5;

    public int Order => 100;

    public Task<IReadOnlyList<Block>> BuildAsync(FeedbackHomeContext context, CancellationToken ct) =>
        Task.FromResult(blocks.Section("top", ":bar_chart: Top issues this week", queries.Top(context.Now.AddDays(-7), Shown), "this week"));
}
