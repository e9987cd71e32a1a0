namespace SlackFeedbackBot.Spotlight;

/// <summary>
/// The compiled rule set: built once from <see cref="SpotlightOptions"/>, then a pure, thread-safe function from
/// text to bucket that allocates nothing per call.
/// </summary>
public sealed class SpotlightClassifier : ISpotlightClassifier
{
    private readonly SpotlightRules rules;
    private readonly int bucketCount;

    /// <exception cref="SpotlightConfigurationException">A setting is invalid; the message names it.</exception>
    public SpotlightClassifier(SpotlightOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!SpotlightRuleCompiler.TryCompile(options, out var compiled, out var problems))
        {
            throw new SpotlightConfigurationException(problems);
        }

        rules = compiled!;
        bucketCount = rules.Buckets.Count;
    }

    /// <summary>The built-in rules only.</summary>
    public static SpotlightClassifier CreateDefault() => new(new SpotlightOptions());

    public IReadOnlyList<SpotlightBucket> Buckets => rules.Buckets;

    public SpotlightResult Classify(string? text) => Classify(text.AsSpan());

    public SpotlightResult Classify(ReadOnlySpan<char> text)
    {
        Span<int> best = stackalloc int[bucketCount];
        var vetoed = rules.Automaton.Match(text, best);
        for (var rank = 0; rank < best.Length; rank++)
        {
            if (best[rank] != int.MaxValue && (vetoed & (1UL << rank)) == 0)
            {
                return rules.ResultsByBucket[rank][best[rank] & ((1 << RuleIndex.RankShift) - 1)];
            }
        }

        return SpotlightResult.Unclassified;
    }
}
