using System.Globalization;

namespace SlackFeedbackBot.Spotlight;

/// <summary>
/// One rule as `spotlight rules` lists it: where it came from, and for rules added in Slack who added it and when,
/// and their id (what `spotlight rules remove` and `/feedback rules remove` take).
/// </summary>
public sealed record SpotlightListedRule(string Bucket, string Kind, string Pattern, string Origin, long? Id = null);

/// <summary>
/// Every rule the classifier uses, bucket by bucket in precedence order, each phrase in the order it is tried: the
/// built-in ones, the configured ones, then those added in Slack, followed by the bucket's negative patterns; then
/// the rules added in Slack and removed since, which classify nothing.
/// </summary>
public static class SpotlightRuleList
{
    public const string Phrase = "phrase";
    public const string Negative = "negative";
    public const string Removed = "removed";
    public const string BuiltIn = "built-in";
    public const string Configured = "configured";

    public static IReadOnlyList<SpotlightListedRule> From(SpotlightRuleSet rules)
    {
        var options = rules.Options;
        var builtIn = options.IncludeDefaultBuckets ? SpotlightDefaults.CreateBuckets() : [];
        var removed = rules.History().Where(r => r.IsRemoved).ToList();
        var listed = new List<SpotlightListedRule>();
        foreach (var bucket in rules.Buckets)
        {
            var negatives = new List<SpotlightListedRule>();
            foreach (var (source, origin) in builtIn.Where(b => b.Id == bucket.Id).Select(b => (b, BuiltIn))
                .Concat(options.Buckets.Where(b => b.Id?.Trim() == bucket.Id).Select(b => (b, Configured))))
            {
                listed.AddRange(source.Phrases.Select(p => new SpotlightListedRule(bucket.Id, Phrase, p.Trim(), origin)));
                negatives.AddRange(source.NegativePatterns.Select(p => new SpotlightListedRule(bucket.Id, Negative, p.Trim(), origin)));
            }

            listed.AddRange(rules.LearnedRules.Where(r => r.Bucket == bucket.Id).Select(r => new SpotlightListedRule(bucket.Id, Phrase, r.Phrase, Added(r), r.Id)));
            listed.AddRange(negatives);
            listed.AddRange(removed.Where(r => r.Bucket == bucket.Id).Select(r => new SpotlightListedRule(
                bucket.Id, Removed, r.Phrase, $"{Added(r)}; removed by {r.RemovedBy} on {When(r.RemovedAt!.Value)}", r.Id)));
        }

        return listed;
    }

    /// <summary>"added by U0ANA on 2026-11-23 12:00 UTC from #12".</summary>
    public static string Added(SpotlightLearnedRule rule) =>
        $"added by {rule.AddedBy} on {When(rule.AddedAt)}{(rule.FromItemId is { } item ? string.Create(CultureInfo.InvariantCulture, $" from #{item}") : "")}";

    /// <summary>
    /// One line per rule: <c>bucket&lt;TAB&gt;kind&lt;TAB&gt;pattern&lt;TAB&gt;origin&lt;TAB&gt;id</c>, after a header
    /// line; the id is "-" for built-in and configured rules.
    /// </summary>
    public static void Write(IReadOnlyList<SpotlightListedRule> rules, TextWriter output)
    {
        output.WriteLine("bucket\tkind\tpattern\torigin\tid");
        foreach (var rule in rules)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rule.Bucket}\t{rule.Kind}\t{rule.Pattern}\t{rule.Origin}\t{(rule.Id is { } id ? id.ToString(CultureInfo.InvariantCulture) : "-")}"));
        }
    }

    private static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
