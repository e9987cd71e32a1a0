using System.Globalization;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.BlockKit;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// The proposal as people see it (the phrase, the bucket, the dry run, Add rule / Dismiss) and the answers to its buttons.
/// A button's value carries the proposal itself (<c>item:bucket:phrase</c>), so nothing is stored until it is accepted.
/// </summary>
public sealed class RuleProposalMessages(FeedbackBuckets buckets)
{
    public const string AcceptAction = "spotlight_rule_accept";
    public const string DismissAction = "spotlight_rule_dismiss";

    private const int ListedItems = 10;
    private const int QuoteLength = 200;

    public SlackMessage Proposal(RuleProposal proposal, FeedbackItem item, string reclassifiedBy)
    {
        var bucket = buckets.Display(proposal.Bucket);
        var value = Value(proposal.ItemId, proposal.Bucket, proposal.Phrase);
        return new MessageBuilder()
            .Text($"Proposed Spotlight rule: \"{proposal.Phrase}\" for {bucket}")
            .Section($":bulb: <@{reclassifiedBy}> moved feedback *#{item.Id}* to *{bucket}*. A rule would do the same for messages like it:\n"
                + SlackText.QuoteDefused(item.Text, QuoteLength))
            .Section(DryRunText(proposal.Bucket, proposal.Phrase, proposal.DryRun))
            .Actions(
                new ButtonElement("Add rule", AcceptAction, value, style: ButtonStyle.Primary),
                new ButtonElement("Dismiss", DismissAction, value))
            .Build();
    }

    /// <summary>"Adding `is there a way` to *User experience* would move 14 past items: #3, #9 …, and would make 0 wrong."</summary>
    public string DryRunText(string bucketId, string phrase, RuleDryRun dryRun)
    {
        var moves = dryRun.Moves.Count == 0
            ? "would move no past items"
            : $"would move {Items(dryRun.Moves.Count)}: {List(dryRun.Moves.Select(m => m.ItemId))}";
        var wrong = dryRun.Contradicted.Count == 0
            ? "and would make 0 wrong"
            : $"and would make {dryRun.Contradicted.Count} wrong (a person put {List(dryRun.Contradicted)} in another bucket)";
        var agreed = dryRun.Agreed > 0 ? $" It agrees with {Items(dryRun.Agreed)} a person classified." : "";
        return $"Adding `{SlackText.Escape(phrase)}` to *{buckets.Display(bucketId)}* {moves}, {wrong}.{agreed}";
    }

    public SlackMessage Accepted(string ruleText, string userId, IReadOnlyList<RuleMove> moved) => new MessageBuilder()
        .Text($"Rule added: {ruleText}")
        .Section($":white_check_mark: <@{userId}> added the rule `{SlackText.Escape(ruleText)}`. "
            + (moved.Count == 0 ? "No past items moved." : $"Moved {Items(moved.Count)}: {List(moved.Select(m => m.ItemId))}."))
        .ReplaceOriginal()
        .Build();

    public SlackMessage AlreadyThere(string ruleText, string addedBy, DateTimeOffset addedAt) => new MessageBuilder()
        .Text($"Already a rule: {ruleText}")
        .Section($":white_check_mark: `{SlackText.Escape(ruleText)}` is a rule already, added by <@{addedBy}> on {addedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.")
        .ReplaceOriginal()
        .Build();

    public SlackMessage Dismissed(string bucketId, string phrase, string userId) => new MessageBuilder()
        .Text("Rule proposal dismissed")
        .Section($"<@{userId}> dismissed the proposed rule `{SlackText.Escape(phrase)}` for *{buckets.Display(bucketId)}*.")
        .ReplaceOriginal()
        .Build();

    public static string Value(long itemId, string bucket, string phrase) =>
        string.Create(CultureInfo.InvariantCulture, $"{itemId}:{bucket}:{phrase}");

    /// <summary>Reads a button's value back; false when it is not one of ours.</summary>
    public static bool TryRead(string? value, out long itemId, out string bucket, out string phrase)
    {
        itemId = 0;
        bucket = phrase = "";
        var parts = (value ?? "").Split(':', 3);
        if (parts.Length != 3 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out itemId)
            || parts[1].Length == 0 || string.IsNullOrWhiteSpace(parts[2]))
        {
            return false;
        }

        bucket = parts[1];
        phrase = parts[2].Trim();
        return true;
    }

    private static string Items(int count) => count == 1 ? "1 past item" : $"{count} past items";

    private static string List(IEnumerable<long> ids)
    {
        var all = ids.ToList();
        var shown = string.Join(", ", all.Take(ListedItems).Select(id => $"#{id}"));
        return all.Count > ListedItems ? shown + " …" : shown;
    }
}
