using System.Globalization;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.BlockKit;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Feedback;

/// <summary>The messages the feature answers with: the capture confirmation (with its buttons), lists and details.</summary>
public sealed class FeedbackReplies(FeedbackBuckets buckets)
{
    public const string SetBucketAction = "feedback_set_bucket";
    public const string AddDetailsAction = "feedback_add_details";

    private const int ListTextLength = 140;

    /// <summary>
    /// The ephemeral answer to a capture, the same whichever way it was captured: number, bucket, the rule that
    /// decided, and the two things that can be changed (the bucket, the details).
    /// </summary>
    public SlackMessage Captured(FeedbackItem item, bool isNew, int reports, string? notice = null, ThresholdStanding? standing = null, Issues.IssueOffer? offer = null)
    {
        var builder = Confirmation(item, $"Saved as feedback #{item.Id} in {buckets.Display(item.Bucket)}", $"{CapturedText(item, isNew, reports, standing)}{(notice is null ? "" : $"\n:warning: {notice}")}")
            .Ephemeral();
        if (offer is not null)
        {
            Issues.IssueOfferBlocks.Add(builder, offer);
        }

        return builder.Build();
    }

    /// <summary>Where the capture went and why, in the words every capture path uses (the card above, the form's last page).</summary>
    public string CapturedText(FeedbackItem item, bool isNew, int reports, ThresholdStanding? standing = null)
    {
        var headline = isNew
            ? $":white_check_mark: Saved as feedback *#{item.Id}* in *{buckets.Display(item.Bucket)}*"
            : $":white_check_mark: This message is feedback *#{item.Id}* already ({buckets.Display(item.Bucket)}); your report was added ({reports} reports now)";
        return $"{headline}\n{Why(item)}{Standing(standing)}";
    }

    /// <summary>The confirmation card as a direct message, for a capture made in a form (no channel to answer in).</summary>
    public SlackMessage CapturedByDirectMessage(FeedbackItem item, bool isNew, int reports, ThresholdStanding? standing = null) =>
        Confirmation(item, $"Saved as feedback #{item.Id} in {buckets.Display(item.Bucket)}", CapturedText(item, isNew, reports, standing)).Build();

    /// <summary>The confirmation again after a bucket change, with both buttons still there to change it again or add details.</summary>
    public SlackMessage BucketChanged(FeedbackItem item, string userId) =>
        Confirmation(item, $"Feedback #{item.Id} moved to {buckets.Display(item.Bucket)}",
                $":label: Feedback *#{item.Id}* is now in *{buckets.Display(item.Bucket)}* (changed by <@{userId}>).")
            .ReplaceOriginal()
            .Build();

    private MessageBuilder Confirmation(FeedbackItem item, string fallback, string section)
    {
        var options = buckets.All.Select(b => new SelectOption(b.DisplayName, $"{item.Id}:{b.Id}")).ToList();
        var current = options.First(o => o.Value == $"{item.Id}:{item.Bucket}");
        return new MessageBuilder()
            .Text(fallback)
            .Section(section)
            .Context(Context(item))
            .Actions(
                new StaticSelectElement(SetBucketAction, options, current, "Change bucket"),
                new ButtonElement("Add details", AddDetailsAction, item.Id.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Where the issue stands against its threshold, and why the threshold exists: the bar is visible, so people gather evidence.</summary>
    public static string Standing(ThresholdStanding? standing) => standing is null ? "" : $"\n:bar_chart: {standing.Sentence()}";

    private static string Why(FeedbackItem item) =>
        item.Rule is null ? "No rule matched, so someone will triage it." : $"Rule that matched: `{RuleText(item)}`";

    public SlackMessage List(IReadOnlyList<FeedbackItem> items, string title)
    {
        if (items.Count == 0)
        {
            return SlackMessage.Ephemeral($"{title}: nothing found.");
        }

        var builder = new MessageBuilder().Text(title).Ephemeral().Section($"*{title}*");
        foreach (var item in items)
        {
            builder.Section(Line(item));
        }

        return builder.Build();
    }

    public SlackMessage Details(FeedbackDetails details)
    {
        var item = details.Item;
        var builder = new MessageBuilder()
            .Text($"Feedback #{item.Id}")
            .Ephemeral()
            .Section($"*Feedback #{item.Id}* · {buckets.Display(item.Bucket)} · {StatusNames.Display(item.Status)}\n{SlackText.QuoteDefused(item.Text, 2500)}")
            .Context(Context(item));
        if (item.Rule is not null)
        {
            builder.Context($"Rule that matched: `{RuleText(item)}`");
        }

        if (item.MergedIntoId is { } root)
        {
            builder.Section($":link: Part of issue *#{root}*: its reports count there. `/feedback show {root}` shows the issue.");
        }

        if (details.MergedItems.Count > 0)
        {
            var merged = details.MergedItems.Sum(m => m.ReportCount);
            builder.Section($"*Merged into this issue* ({details.MergedItems.Count} item{(details.MergedItems.Count == 1 ? "" : "s")}, {merged} report{(merged == 1 ? "" : "s")}; {details.Reports.Count + merged} in all)");
            foreach (var mergedItem in details.MergedItems.Take(15))
            {
                builder.Section(Line(mergedItem));
            }
        }

        builder.Section($"*{details.Reports.Count} report{(details.Reports.Count == 1 ? "" : "s")}*{(details.MergedItems.Count > 0 ? " of this item" : "")}");
        foreach (var report in details.Reports.Take(20))
        {
            var who = report.ReporterId is { } id ? $"<@{id}>" : report.ReporterName ?? "someone";
            var customer = report.Customer is null ? "" : $" for *{SlackText.Defuse(report.Customer)}*";
            var link = SlackText.IsWebUrl(report.Permalink) ? " " + SlackText.Link(report.Permalink, "original") : "";
            var importance = report.Importance is null ? "" : $" · importance *{SlackText.Defuse(report.Importance)}*";
            // The follow-up answer is kept as the why of its reporter's report, so it shows here with their words.
            var why = report.Why is null ? "" : $"\n_Why it matters:_\n{SlackText.QuoteDefused(report.Why, 500)}";
            builder.Section($"{FeedbackFormat.Date(report.CreatedAt)} {who}{customer}{importance}:{link}\n{SlackText.QuoteDefused(report.Text, 500)}{why}");
        }

        foreach (var change in details.BucketChanges)
        {
            builder.Context($"{FeedbackFormat.Date(change.ChangedAt)}: <@{change.ChangedBy}> moved it from {buckets.Display(change.FromBucket)} to {buckets.Display(change.ToBucket)}");
        }

        if (details.LatestStatusChange is { } move && item.Status == move.ToStatus && move.ToStatus != FeedbackStatus.Resolved)
        {
            var why = move.Reason is null ? "" : $": {SlackText.Truncate(SlackText.Defuse(move.Reason), 1500)}";
            var told = move.Tell ? $" ({move.Told} reporter{(move.Told == 1 ? "" : "s")} told)" : "";
            builder.Section($"*Status: {StatusNames.Display(move.ToStatus)}* since {FeedbackFormat.Date(move.ChangedAt)}, by <@{move.ChangedBy}>{why}{told}");
        }

        foreach (var merge in details.Merges.TakeLast(10))
        {
            var undone = merge.UndoneAt is { } at ? $"; <@{merge.UndoneBy}> unmerged it {FeedbackFormat.Date(at)}" : "";
            builder.Context($"{FeedbackFormat.Date(merge.MergedAt)}: <@{merge.MergedBy}> merged #{merge.ItemId} into #{merge.IntoId}{undone}");
        }

        if (item.Resolution is not null)
        {
            builder.Section($":tada: *Resolved* {(item.ResolvedAt is { } at ? FeedbackFormat.Date(at) : "")} by <@{item.ResolvedBy}>: {SlackText.Truncate(SlackText.Defuse(item.Resolution), 1500)}");
        }

        return builder.Build();
    }

    public string Line(FeedbackItem item)
    {
        var customer = item.Customer is null ? "" : $" · {SlackText.Defuse(item.Customer)}";
        var reports = item.ReportCount > 0 ? $" · {item.ReportCount} report{(item.ReportCount == 1 ? "" : "s")}" : "";
        var merged = item.MergedIds.Count > 0 ? $" · merged: {string.Join(", ", item.MergedIds.Take(5).Select(id => $"#{id}"))}{(item.MergedIds.Count > 5 ? "…" : "")}" : "";
        return $"*#{item.Id}* {buckets.Display(item.Bucket)}{customer} · {FeedbackFormat.Date(item.CreatedAt)} · {item.Status}{reports}{merged}\n{SlackText.Truncate(SlackText.Defuse(item.Text).ReplaceLineEndings(" "), ListTextLength)}";
    }

    /// <summary>The rule as the phrase it matched in the item's words, never the pattern syntax.</summary>
    public static string RuleText(FeedbackItem item) =>
        item.Rule is null ? "" : SlackText.Escape(Spotlight.SpotlightRuleText.ForPeople(item.Rule, item.Text).Replace('`', '\''));

    private static string Context(FeedbackItem item)
    {
        var parts = new List<string>();
        if (item.Customer is not null)
        {
            parts.Add($"Customer: *{SlackText.Defuse(item.Customer)}*");
        }

        if (item.Source is not null)
        {
            parts.Add($"Source: {SlackText.Defuse(item.Source)}");
        }

        if (item.Importance is not null)
        {
            parts.Add($"Importance: {SlackText.Defuse(item.Importance)}");
        }

        if (item.ReporterId is not null)
        {
            parts.Add($"Reported by <@{item.ReporterId}>");
        }

        if (SlackText.IsWebUrl(item.SourceLink))
        {
            parts.Add(SlackText.Link(item.SourceLink, "Original"));
        }

        return parts.Count == 0 ? "No customer or source yet: use Add details." : string.Join(" · ", parts);
    }
}
