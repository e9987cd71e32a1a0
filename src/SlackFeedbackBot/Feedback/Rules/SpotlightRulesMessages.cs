using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.BlockKit;
using SlackFeedbackBot.Slack.Text;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// <c>/feedback rules</c> as a product team reads it: per bucket, the rules added in Slack (phrase, who, when, from which
/// item, how many items it classifies today) and a count of the built-in and configured ones; and one bucket's phrases.
/// </summary>
public sealed partial class SpotlightRulesMessages(SpotlightRuleSet rules)
{
    // A section holds 3,000 characters; a list longer than this ends with how many more there are.
    private const int ListLength = 2800;

    public SlackMessage Overview(IReadOnlyDictionary<long, int> classifiedToday)
    {
        var listed = SpotlightRuleList.From(rules);
        var message = new MessageBuilder()
            .Text("Spotlight rules")
            .Section("*Spotlight rules*, strongest bucket first: a message goes to the first bucket with a phrase it says (unless a negative pattern of that bucket matches).");
        foreach (var bucket in rules.Buckets)
        {
            var own = listed.Where(r => r.Bucket == bucket.Id && r.Kind != SpotlightRuleList.Removed && r.Id is null).ToList();
            var builtIn = own.Count(r => r.Kind == SpotlightRuleList.Phrase && r.Origin == SpotlightRuleList.BuiltIn);
            var configured = own.Count(r => r.Kind == SpotlightRuleList.Phrase && r.Origin == SpotlightRuleList.Configured);
            var negatives = own.Count(r => r.Kind == SpotlightRuleList.Negative);
            var added = rules.LearnedRules.Where(r => r.Bucket == bucket.Id).ToList();
            var summary = new List<string>();
            if (builtIn > 0)
            {
                summary.Add(Count(builtIn, "built-in phrase"));
            }

            if (configured > 0)
            {
                summary.Add(Count(configured, "configured phrase"));
            }

            if (negatives > 0)
            {
                summary.Add(Count(negatives, "negative pattern"));
            }

            var text = new StringBuilder($"*{SlackText.Escape(bucket.DisplayName)}* (`{bucket.Id}`)");
            if (!string.IsNullOrWhiteSpace(bucket.Description))
            {
                text.Append(": ").Append(SlackText.Defuse(bucket.Description));
            }

            text.Append('\n').Append(summary.Count == 0 ? "No built-in or configured phrases" : string.Join(", ", summary))
                .Append(": `/feedback rules ").Append(bucket.Id).Append("` lists them.\n");
            text.Append(added.Count == 0
                ? "_No rules added in Slack._"
                : "*Added in Slack*\n" + Lines(added.Select(r => AddedLine(r, classifiedToday.GetValueOrDefault(r.Id)))));
            message.Section(SlackText.Truncate(text.ToString(), SlackLimits.SectionText));
        }

        return message
            .Context("Rules are added in Slack when a feedback admin accepts the rule proposed after a reclassification. Feedback admins take one back with `/feedback rules remove 3` (its number).")
            .Build();
    }

    /// <summary>Every phrase of one bucket in the order it is tried, then its negative patterns; null for unclassified, which has none.</summary>
    public SlackMessage Bucket(string bucketId)
    {
        var bucket = rules.Buckets.First(b => b.Id == bucketId);
        var listed = SpotlightRuleList.From(rules).Where(r => r.Bucket == bucketId).ToList();
        var message = new MessageBuilder()
            .Text($"Spotlight rules of {bucket.DisplayName}")
            .Section($"*{SlackText.Escape(bucket.DisplayName)}* (`{bucket.Id}`): its phrases in the order they are tried. `...` is any words, `*` one word, `(a|b)` either.");
        Group(message, "Built-in", listed.Where(r => r.Kind == SpotlightRuleList.Phrase && r.Origin == SpotlightRuleList.BuiltIn));
        Group(message, "Configured", listed.Where(r => r.Kind == SpotlightRuleList.Phrase && r.Origin == SpotlightRuleList.Configured));
        var added = rules.LearnedRules.Where(r => r.Bucket == bucketId).ToList();
        if (added.Count > 0)
        {
            message.Section($"*Added in Slack* ({added.Count})\n" + Lines(added.Select(r => $"• *{r.Id}* `{Code(r.Phrase)}`, {AddedText(r)}")));
        }

        Group(message, "Negative patterns (a match keeps a message out of this bucket)", listed.Where(r => r.Kind == SpotlightRuleList.Negative));
        return message.Build();
    }

    public static string AddedLine(SpotlightLearnedRule rule, int classifiedToday) =>
        $"• *{rule.Id}* `{Code(rule.Phrase)}`, {AddedText(rule)}; classifies {(classifiedToday == 1 ? "1 item" : $"{classifiedToday} items")} today";

    /// <summary>"added by &lt;@U1&gt; on 2026-11-23 from #12".</summary>
    public static string AddedText(SpotlightLearnedRule rule) =>
        $"added by {Person(rule.AddedBy)} on {rule.AddedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
        + (rule.FromItemId is { } item ? string.Create(CultureInfo.InvariantCulture, $" from #{item}") : "");

    /// <summary>A Slack user id as a mention (which names the person, and pings nobody in an ephemeral message); anything else as plain text.</summary>
    public static string Person(string id) => UserId().IsMatch(id) ? $"<@{id}>" : SlackText.Defuse(id);

    /// <summary>Words shown inside `code`: escaped, and a backtick (which would close it) as its look-alike.</summary>
    public static string Code(string text) => SlackText.Escape(text).Replace('`', '\u02cb');

    private static void Group(MessageBuilder message, string title, IEnumerable<SpotlightListedRule> rules)
    {
        var all = rules.ToList();
        if (all.Count > 0)
        {
            message.Section($"*{title}* ({all.Count})\n" + Lines(all.Select(r => $"`{Code(r.Pattern)}`"), " · "));
        }
    }

    /// <summary>The lines joined, cut before <see cref="ListLength"/> with how many more there are.</summary>
    private static string Lines(IEnumerable<string> lines, string separator = "\n")
    {
        var all = lines.ToList();
        var text = new StringBuilder();
        for (var i = 0; i < all.Count; i++)
        {
            var line = (i == 0 ? "" : separator) + all[i];
            if (text.Length + line.Length > ListLength)
            {
                return text.Append(separator).Append($"… and {all.Count - i} more (`spotlight rules` on the command line lists them all)").ToString();
            }

            text.Append(line);
        }

        return SlackText.Truncate(text.ToString(), ListLength);
    }

    private static string Count(int count, string what) => count == 1 ? $"1 {what}" : $"{count} {what}s";

    [GeneratedRegex("^[UW][A-Z0-9]{2,}$")]
    private static partial Regex UserId();
}
