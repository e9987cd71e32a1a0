using System.Globalization;

namespace SlackFeedbackBot.Spotlight;

/// <summary>One rule as `spotlight rules` lists it: where it came from, and for rules added in Slack who added it and when.</summary>
public sealed record SpotlightListedRule(string Bucket, string Kind, string Pattern, string Origin);

/// <summary>
/// Every rule the classifier uses, bucket by bucket in precedence order, each phrase in the order it is tried: the
/// built-in ones, the configured ones, then those added in Slack, followed by the bucket's negative patterns.
/// </summary>
public static class SpotlightRuleList
{
    public const string Phrase = "phrase";
    public const string Negative = "negative";

    public static IReadOnlyList<SpotlightListedRule> From(SpotlightRuleSet rules)
    {
        var options = rules.Options;
        var builtIn = options.IncludeDefaultBuckets ? SpotlightDefaults.CreateBuckets() : [];
        var listed = new List<SpotlightListedRule>();
        foreach (var bucket in rules.Buckets)
        {
            var negatives = new List<SpotlightListedRule>();
            foreach (var (source, origin) in builtIn.Where(b => b.Id == bucket.Id).Select(b => (b, "built-in"))
                .Concat(options.Buckets.Where(b => b.Id?.Trim() == bucket.Id).Select(b => (b, "configured"))))
            {
                listed.AddRange(source.Phrases.Select(p => new SpotlightListedRule(bucket.Id, Phrase, p.Trim(), origin)));
                negatives.AddRange(source.NegativePatterns.Select(p => new SpotlightListedRule(bucket.Id, Negative, p.Trim(), origin)));
            }

            listed.AddRange(rules.LearnedRules.Where(r => r.Bucket == bucket.Id).Select(r => new SpotlightListedRule(
                bucket.Id, Phrase, r.Phrase,
                string.Create(CultureInfo.InvariantCulture, $"added by {r.AddedBy} on {r.AddedAt:yyyy-MM-dd HH:mm} UTC{(r.FromItemId is { } item ? $" from #{item}" : "")}"))));
            listed.AddRange(negatives);
        }

        return listed;
    }

    /// <summary>One line per rule: <c>bucket&lt;TAB&gt;kind&lt;TAB&gt;pattern&lt;TAB&gt;origin</c>, after a header line.</summary>
    public static void Write(IReadOnlyList<SpotlightListedRule> rules, TextWriter output)
    {
        output.WriteLine("bucket\tkind\tpattern\torigin");
        foreach (var rule in rules)
        {
            output.WriteLine($"{rule.Bucket}\t{rule.Kind}\t{rule.Pattern}\t{rule.Origin}");
        }
    }
}
