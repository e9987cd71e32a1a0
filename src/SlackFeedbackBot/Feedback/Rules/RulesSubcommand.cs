using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Text;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// <c>/feedback rules</c> (anyone): the Spotlight rules per bucket; <c>/feedback rules ux</c>: one bucket's phrases;
/// <c>/feedback rules remove 3</c> (feedback admins): the dry run of taking an added rule back, with Remove / Keep.
/// Takes <c>rules</c> alone, with one word or a bucket's name, or <c>remove</c> and a number, a word or a rule's
/// words; "Rules are confusing" is feedback.
/// </summary>
public sealed class RulesSubcommand(
    SpotlightRuleSet rules,
    FeedbackBuckets buckets,
    FeedbackAdmins admins,
    RuleRemoval removal,
    SpotlightRulesMessages view,
    RuleRemovalMessages messages) : Subcommand<RulesSubcommand.Arguments>, IFeedbackSubcommand
{
    private const string RemoveWord = "remove";

    public override string Name => "rules";

    public override string Usage =>
        "`/feedback rules`: the Spotlight rules per bucket, and those added in Slack (`/feedback rules user_experience`: one bucket's phrases; `/feedback rules remove 3`: take rule 3 back, feedback admins only)";

    public override Arguments? TryParse(string arguments)
    {
        var text = arguments.Trim();
        if (text.Length == 0)
        {
            return new Arguments(Request.Overview, "");
        }

        var (first, rest) = CommandWords.SplitFirst(text);
        if (string.Equals(first, RemoveWord, StringComparison.OrdinalIgnoreCase))
        {
            rest = rest.Trim();
            return CommandWords.Count(rest) <= 1 || Listed(rest).Count > 0 ? new Arguments(Request.Remove, rest) : null;
        }

        return CommandWords.Count(text) == 1 || buckets.Find(text) is not null ? new Arguments(Request.Bucket, text) : null;
    }

    public override async Task<SlackMessage?> RunAsync(SlashCommand command, Arguments arguments, CancellationToken ct) => arguments.Request switch
    {
        Request.Overview => view.Overview(removal.ClassifiedToday()),
        Request.Bucket => Bucket(arguments.Text),
        _ => await RemoveAsync(command.UserId, arguments.Text, ct),
    };

    private SlackMessage Bucket(string typed)
    {
        if (buckets.Find(typed) is not { } id)
        {
            return SlackMessage.Refused($"There is no bucket `{SlackText.Defuse(typed)}`. Write one of {buckets.ValidList()}: `/feedback rules user_experience`, or `/feedback rules` for all of them.");
        }

        return id == SpotlightBuckets.Unclassified
            ? SlackMessage.Ephemeral("*Unclassified* has no rules: it holds the messages no rule matched. `/feedback list unclassified` shows them.")
            : view.Bucket(id);
    }

    private async Task<SlackMessage> RemoveAsync(string userId, string typed, CancellationToken ct)
    {
        if (!await admins.IsAdminAsync(userId, ct))
        {
            return SlackMessage.Refused($"Only {await admins.DescribeAsync(ct) ?? "feedback admins (none are set: `Feedback:Admins` or `Feedback:AdminGroup`)"} may remove Spotlight rules; ask one of them. Anyone may look: `/feedback rules`.");
        }

        if (typed.Length == 0)
        {
            return SlackMessage.Refused("Which rule? Write its number: `/feedback rules remove 3`. `/feedback rules` lists the rules added in Slack with their numbers.");
        }

        if (ItemNumber.TryParse(typed, out var id))
        {
            return rules.Find(id) switch
            {
                null => SlackMessage.Refused(RuleRemovalMessages.NoSuchRule(id)),
                { IsRemoved: true } removed => SlackMessage.Refused(RuleRemovalMessages.AlreadyRemoved(removed)),
                var rule => messages.DryRun(removal.DryRun(rule)),
            };
        }

        // The rule's words instead of its number: one added rule in use is clear; built-in and configured ones live in the settings.
        var listed = Listed(typed);
        var inUse = listed.Where(r => r.Id is not null && r.Kind == SpotlightRuleList.Phrase).ToList();
        if (inUse.Count == 1 && rules.Find(inUse[0].Id!.Value) is { IsRemoved: false } byWords)
        {
            return messages.DryRun(removal.DryRun(byWords));
        }

        if (inUse.Count > 1)
        {
            return SlackMessage.Refused($"`{SpotlightRulesMessages.Code(typed)}` is a rule of several buckets; write the number of the one to remove: {string.Join(", ", inUse.Select(r => $"`/feedback rules remove {r.Id}` ({r.Bucket})"))}.");
        }

        if (listed.FirstOrDefault(r => r.Id is null) is { } setting)
        {
            return SlackMessage.Refused(messages.NotAddedInSlack(setting.Bucket, setting.Pattern, setting.Origin));
        }

        if (listed.FirstOrDefault(r => r.Kind == SpotlightRuleList.Removed) is { Id: { } removedId } && rules.Find(removedId) is { } gone)
        {
            return SlackMessage.Refused(RuleRemovalMessages.AlreadyRemoved(gone));
        }

        return SlackMessage.Refused($"`{SpotlightRulesMessages.Code(SlackText.Readable(typed))}` is no rule. Write the number of a rule added in Slack: `/feedback rules remove 3`; `/feedback rules` lists them.");
    }

    /// <summary>The rules whose words are exactly these (any case, extra spaces ignored).</summary>
    private List<SpotlightListedRule> Listed(string words)
    {
        var wanted = string.Join(' ', CommandWords.Split(words));
        return SpotlightRuleList.From(rules).Where(r => string.Equals(r.Pattern, wanted, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    public enum Request
    {
        Overview,
        Bucket,
        Remove,
    }

    public sealed record Arguments(Request Request, string Text);
}
