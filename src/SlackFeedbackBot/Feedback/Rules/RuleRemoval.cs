using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// What taking an added rule back would do today: of the items whose bucket came from the rules (no person chose it),
/// those this rule decides now (<see cref="Classified"/>), how many would match no rule without it, and where the
/// others would go. Items keep their stored bucket either way; only messages classified later follow the new rules.
/// </summary>
public sealed record RuleRemovalDryRun(SpotlightLearnedRule Rule, int Classified, int Unclassified, IReadOnlyList<(string Bucket, int Count)> MovesTo);

/// <summary>What a removal did: the outcome, the rule as it is now, and the dry run made just before (when it was removed).</summary>
public sealed record RuleRemovalResult(SpotlightRuleRemovalOutcome Outcome, SpotlightLearnedRule? Rule, RuleRemovalDryRun? DryRun);

/// <summary>Takes a rule added in Slack back, for <c>/feedback rules remove</c> and <c>spotlight rules remove</c> alike.</summary>
public sealed class RuleRemoval(SpotlightRuleSet rules, FeedbackRuleHistory history)
{
    /// <summary>The dry run of removing <paramref name="rule"/> over the history (read once when <paramref name="past"/> is null).</summary>
    public RuleRemovalDryRun DryRun(SpotlightLearnedRule rule, IReadOnlyList<RuleHistoryItem>? past = null)
    {
        var without = rules.Without(rule.Id) ?? rules;
        int classified = 0, unclassified = 0;
        var moves = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in (past ?? history.Items()).Where(i => !i.SetByPerson))
        {
            var now = rules.Classify(item.Text);
            if (now.Rule != rule.RuleText)
            {
                continue;
            }

            var after = without.Classify(item.Text);
            if (after.Rule == now.Rule)
            {
                // The same words are also a configured phrase of the bucket, which is the one that decides.
                continue;
            }

            classified++;
            if (!after.IsClassified)
            {
                unclassified++;
            }
            else
            {
                moves[after.Bucket] = moves.GetValueOrDefault(after.Bucket) + 1;
            }
        }

        var order = rules.Buckets.Select(b => b.Id).ToList();
        return new RuleRemovalDryRun(rule, classified, unclassified,
            moves.OrderByDescending(m => m.Value).ThenBy(m => order.IndexOf(m.Key)).Select(m => (m.Key, m.Value)).ToList());
    }

    /// <summary>How many items each rule in use decides today, by rule id (one read of the history).</summary>
    public IReadOnlyDictionary<long, int> ClassifiedToday()
    {
        var past = history.Items();
        return rules.LearnedRules.ToDictionary(r => r.Id, r => DryRun(r, past).Classified);
    }

    /// <summary>Removes rule <paramref name="id"/> (the row stays, marked removed), after a last dry run for the confirmation.</summary>
    public RuleRemovalResult Remove(long id, string removedBy, DateTimeOffset now)
    {
        if (rules.Find(id) is not { } rule)
        {
            return new RuleRemovalResult(SpotlightRuleRemovalOutcome.NoSuchRule, null, null);
        }

        if (rule.IsRemoved)
        {
            return new RuleRemovalResult(SpotlightRuleRemovalOutcome.AlreadyRemoved, rule, null);
        }

        var dryRun = DryRun(rule);
        var removal = rules.Remove(id, removedBy, now);
        return new RuleRemovalResult(removal.Outcome, removal.Rule ?? rule, removal.Outcome == SpotlightRuleRemovalOutcome.Removed ? dryRun : null);
    }
}
