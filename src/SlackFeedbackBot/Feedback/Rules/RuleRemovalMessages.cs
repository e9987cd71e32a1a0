using System.Globalization;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.BlockKit;
using SlackFeedbackBot.Slack.Text;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// Taking a rule back as people see it: the dry run with Remove / Keep, and the answers to those buttons and to ids
/// that cannot be removed. A button's value is the rule's id; nothing changes until Remove is clicked.
/// </summary>
public sealed class RuleRemovalMessages(FeedbackBuckets buckets)
{
    public const string RemoveAction = "spotlight_rule_remove";
    public const string KeepAction = "spotlight_rule_keep";

    public SlackMessage DryRun(RuleRemovalDryRun dryRun)
    {
        var value = dryRun.Rule.Id.ToString(CultureInfo.InvariantCulture);
        return new MessageBuilder()
            .Text($"Remove the Spotlight rule \"{dryRun.Rule.Phrase}\"?")
            .Section(DryRunText(dryRun))
            .Context($"Rule {dryRun.Rule.Id}, {SpotlightRulesMessages.AddedText(dryRun.Rule)}. Items keep the bucket they have now; only messages classified from now on are classified without it.")
            .Actions(
                new ButtonElement("Remove", RemoveAction, value, style: ButtonStyle.Danger),
                new ButtonElement("Keep", KeepAction, value))
            .Build();
    }

    /// <summary>"Removing `is there a way` from *User experience* would leave 14 items it classifies today without it: 9 go unclassified, 5 move to *Product marketing*."</summary>
    public string DryRunText(RuleRemovalDryRun dryRun)
    {
        var opening = $"Removing `{SpotlightRulesMessages.Code(dryRun.Rule.Phrase)}` from *{SlackText.Escape(buckets.Display(dryRun.Rule.Bucket))}*";
        if (dryRun.Classified == 0)
        {
            return $"{opening} changes no item: it classifies none today.";
        }

        var parts = new List<string>();
        if (dryRun.Unclassified > 0)
        {
            parts.Add($"{dryRun.Unclassified} {(dryRun.Unclassified == 1 ? "goes" : "go")} unclassified");
        }

        parts.AddRange(dryRun.MovesTo.Select((m, i) => $"{m.Count} {(i > 0 ? "to" : m.Count == 1 ? "moves to" : "move to")} *{SlackText.Escape(buckets.Display(m.Bucket))}*"));
        return $"{opening} would leave {Items(dryRun.Classified)} it classifies today without it: {string.Join(", ", parts)}.";
    }

    public SlackMessage Removed(RuleRemovalDryRun dryRun, string userId) => new MessageBuilder()
        .Text($"Rule removed: {dryRun.Rule.RuleText}")
        .Section($":wastebasket: <@{userId}> removed the rule `{SpotlightRulesMessages.Code(dryRun.Rule.RuleText)}` (rule {dryRun.Rule.Id}). "
            + (dryRun.Classified == 0
                ? "It classified no items today."
                : dryRun.Classified == 1
                    ? "The item it classified keeps its stored bucket; messages like it are classified without it from now on."
                    : $"The {Items(dryRun.Classified)} it classified keep their stored bucket; messages like them are classified without it from now on.")
            + " A reclassification can propose it again.")
        .ReplaceOriginal()
        .Build();

    public SlackMessage Kept(SpotlightLearnedRule rule, string userId) => new MessageBuilder()
        .Text($"Rule kept: {rule.RuleText}")
        .Section($"<@{userId}> kept the rule `{SpotlightRulesMessages.Code(rule.RuleText)}` (rule {rule.Id}).")
        .ReplaceOriginal()
        .Build();

    public static string NoSuchRule(long id) =>
        $"There is no rule {id} added in Slack. `/feedback rules` lists them with their numbers.";

    public static string AlreadyRemoved(SpotlightLearnedRule rule) =>
        $"Rule {rule.Id} (`{SpotlightRulesMessages.Code(rule.RuleText)}`) was removed already, by {SpotlightRulesMessages.Person(rule.RemovedBy ?? "")} on {rule.RemovedAt!.Value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}. A reclassification can propose it again.";

    /// <summary>For words that are a built-in or configured phrase: those live in the settings, not in Slack.</summary>
    public string NotAddedInSlack(string bucketId, string pattern, string origin) =>
        $"`{SpotlightRulesMessages.Code(pattern)}` is a {origin} rule of *{SlackText.Escape(buckets.Display(bucketId))}*: "
        + "built-in and configured rules are changed in the bot's settings (`Spotlight:Buckets`), not from Slack. "
        + "Only rules added in Slack can be removed here: `/feedback rules` lists them with their numbers.";

    private static string Items(int count) => count == 1 ? "1 item" : $"{count} items";
}
