using System.Text.RegularExpressions;

namespace SlackFeedbackBot.Spotlight;

/// <summary>The compiled form of the options: buckets in precedence order, one result per phrase, one automaton.</summary>
internal sealed record SpotlightRules(
    IReadOnlyList<SpotlightBucket> Buckets,
    SpotlightResult[][] ResultsByBucket,
    SpotlightAutomaton Automaton);

/// <summary>
/// Merges the built-in buckets with the configured ones, checks every setting and compiles the phrases.
/// Each problem is reported with the configuration path of the setting at fault.
/// </summary>
internal static partial class SpotlightRuleCompiler
{
    /// <summary>Vetoes are kept as bits of one ulong.</summary>
    public const int MaxBuckets = 64;

    // The built-in phrases expand to over a hundred thousand word sequences, and the same rules are checked and compiled
    // by the configuration check, the options validation and the classifier. They never change while the process runs,
    // so the rules of a bot that configures nothing are compiled once. The parsed sequences (over 10 MB) are needed only
    // while rules are compiled, so they are held weakly: compiles close together share one parse, and an idle bot gives
    // the memory back.
    private static readonly WeakReference<IReadOnlyDictionary<string, PatternStep[][]>?> ParsedBuiltIns = new(null);
    private static readonly Lock Parsing = new();
    private static readonly Lazy<SpotlightRules> BuiltInRules = new(CompileBuiltIns);

    public static bool TryCompile(SpotlightOptions options, out SpotlightRules? rules, out IReadOnlyList<string> errors)
    {
        if (options.IncludeDefaultBuckets && options.Buckets.Count == 0 && options.Precedence.Count == 0)
        {
            rules = BuiltInRules.Value;
            errors = [];
            return true;
        }

        return TryCompileEach(options, out rules, out errors);
    }

    private static SpotlightRules CompileBuiltIns() =>
        TryCompileEach(new SpotlightOptions(), out var rules, out var errors)
            ? rules!
            : throw new SpotlightConfigurationException(errors);

    private static IReadOnlyDictionary<string, PatternStep[][]> BuiltInPatterns()
    {
        lock (Parsing)
        {
            if (!ParsedBuiltIns.TryGetTarget(out var parsed) || parsed is null)
            {
                parsed = ParseBuiltIns();
                ParsedBuiltIns.SetTarget(parsed);
            }

            return parsed;
        }
    }

    private static Dictionary<string, PatternStep[][]> ParseBuiltIns()
    {
        var parsed = new Dictionary<string, PatternStep[][]>(StringComparer.Ordinal);
        foreach (var bucket in SpotlightDefaults.CreateBuckets())
        {
            foreach (var pattern in bucket.Phrases.Concat(bucket.NegativePatterns))
            {
                if (!parsed.ContainsKey(pattern) && SpotlightPattern.TryParse(pattern, out var sequences, out _))
                {
                    parsed[pattern] = [.. sequences];
                }
            }
        }

        return parsed;
    }

    private static bool TryCompileEach(SpotlightOptions options, out SpotlightRules? rules, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        var drafts = CollectBuckets(options, problems);
        var ordered = OrderBuckets(options, drafts, problems);
        if (drafts.Count == 0)
        {
            problems.Add($"{SpotlightOptions.SectionName}:{nameof(SpotlightOptions.Buckets)}: no buckets to classify into; "
                + $"keep {nameof(SpotlightOptions.IncludeDefaultBuckets)} true or configure at least one bucket");
        }
        else if (drafts.Count > MaxBuckets)
        {
            problems.Add($"{SpotlightOptions.SectionName}:{nameof(SpotlightOptions.Buckets)}: {drafts.Count} buckets configured; at most {MaxBuckets} are supported");
        }

        var builtIns = BuiltInPatterns();
        var patterns = new List<(PatternStep[] Steps, int Outcome)>();
        var results = new SpotlightResult[ordered.Count][];
        for (var rank = 0; rank < ordered.Count && rank < MaxBuckets; rank++)
        {
            var draft = ordered[rank];
            results[rank] = new SpotlightResult[draft.Phrases.Count];
            for (var order = 0; order < draft.Phrases.Count; order++)
            {
                var (pattern, path) = draft.Phrases[order];
                results[rank][order] = new SpotlightResult(draft.Id, $"{draft.Id}: \"{pattern?.Trim()}\"");
                AddPattern(pattern, path, RuleIndex.Of(rank, order), builtIns, patterns, problems);
            }

            foreach (var (pattern, path) in draft.NegativePatterns)
            {
                AddPattern(pattern, path, ~rank, builtIns, patterns, problems);
            }
        }

        errors = problems;
        if (problems.Count > 0)
        {
            rules = null;
            return false;
        }

        var buckets = ordered.Select((d, rank) => new SpotlightBucket(d.Id, d.DisplayName, d.Description, rank)).ToArray();
        rules = new SpotlightRules(buckets, results, SpotlightAutomaton.Build(patterns));
        return true;
    }

    private static void AddPattern(
        string? pattern,
        string path,
        int outcome,
        IReadOnlyDictionary<string, PatternStep[][]> builtIns,
        List<(PatternStep[], int)> patterns,
        List<string> problems)
    {
        if (pattern is not null && builtIns.TryGetValue(pattern, out var builtIn))
        {
            foreach (var steps in builtIn)
            {
                patterns.Add((steps, outcome));
            }

            return;
        }

        if (!SpotlightPattern.TryParse(pattern, out var sequences, out var error))
        {
            problems.Add(string.IsNullOrWhiteSpace(pattern) ? $"{path} is empty" : $"{path} (\"{pattern}\") {error}");
            return;
        }

        foreach (var steps in sequences)
        {
            patterns.Add((steps, outcome));
        }
    }

    private static List<BucketDraft> CollectBuckets(SpotlightOptions options, List<string> problems)
    {
        var drafts = new List<BucketDraft>();
        if (options.IncludeDefaultBuckets)
        {
            foreach (var builtIn in SpotlightDefaults.CreateBuckets())
            {
                var draft = new BucketDraft(builtIn.Id, builtIn.DisplayName!, builtIn.Description ?? "");
                draft.AddPatterns(builtIn, $"built-in bucket '{builtIn.Id}'");
                drafts.Add(draft);
            }
        }

        var configuredIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Buckets.Count; i++)
        {
            var bucket = options.Buckets[i];
            var path = $"{SpotlightOptions.SectionName}:{nameof(SpotlightOptions.Buckets)}:{i}";
            var id = bucket?.Id?.Trim() ?? "";
            if (bucket is null || !IsValidId(id))
            {
                problems.Add($"{path}:{nameof(SpotlightBucketOptions.Id)} ('{id}') must be lower-case letters, digits and underscores, e.g. \"pricing\"");
                continue;
            }

            if (id == SpotlightBuckets.Unclassified)
            {
                problems.Add($"{path}:{nameof(SpotlightBucketOptions.Id)}: '{SpotlightBuckets.Unclassified}' is the fallback for text no bucket claims and cannot have rules");
                continue;
            }

            if (!configuredIds.Add(id))
            {
                problems.Add($"{path}:{nameof(SpotlightBucketOptions.Id)}: bucket '{id}' is configured twice; merge the two entries");
                continue;
            }

            var existing = drafts.Find(d => d.Id == id);
            if (existing is null)
            {
                if (bucket.Phrases.Count == 0)
                {
                    problems.Add($"{path}:{nameof(SpotlightBucketOptions.Phrases)}: bucket '{id}' needs at least one phrase");
                }

                existing = new BucketDraft(id, id, "");
                drafts.Add(existing);
            }

            if (!string.IsNullOrWhiteSpace(bucket.DisplayName))
            {
                existing.DisplayName = bucket.DisplayName.Trim();
            }

            if (!string.IsNullOrWhiteSpace(bucket.Description))
            {
                existing.Description = bucket.Description.Trim();
            }

            existing.AddPatterns(bucket, path);
        }

        return drafts;
    }

    private static List<BucketDraft> OrderBuckets(SpotlightOptions options, List<BucketDraft> drafts, List<string> problems)
    {
        var ordered = new List<BucketDraft>(drafts.Count);
        for (var i = 0; i < options.Precedence.Count; i++)
        {
            var path = $"{SpotlightOptions.SectionName}:{nameof(SpotlightOptions.Precedence)}:{i}";
            var id = options.Precedence[i]?.Trim() ?? "";
            var draft = drafts.Find(d => d.Id == id);
            if (id == SpotlightBuckets.Unclassified)
            {
                problems.Add($"{path}: '{SpotlightBuckets.Unclassified}' is the fallback and always comes last; remove it");
            }
            else if (draft is null)
            {
                problems.Add($"{path}: unknown bucket '{id}'; known buckets: {string.Join(", ", drafts.Select(d => d.Id))}");
            }
            else if (ordered.Contains(draft))
            {
                problems.Add($"{path}: bucket '{id}' is listed twice");
            }
            else
            {
                ordered.Add(draft);
            }
        }

        ordered.AddRange(drafts.Where(d => !ordered.Contains(d)));
        return ordered;
    }

    private static bool IsValidId(string id) => id.Length is > 0 and <= 64 && IdPattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex IdPattern();

    private sealed class BucketDraft(string id, string displayName, string description)
    {
        public string Id { get; } = id;

        public string DisplayName { get; set; } = displayName;

        public string Description { get; set; } = description;

        public List<(string? Pattern, string Path)> Phrases { get; } = [];

        public List<(string? Pattern, string Path)> NegativePatterns { get; } = [];

        public void AddPatterns(SpotlightBucketOptions source, string path)
        {
            for (var j = 0; j < source.Phrases.Count; j++)
            {
                Phrases.Add((source.Phrases[j], $"{path}:{nameof(SpotlightBucketOptions.Phrases)}:{j}"));
            }

            for (var j = 0; j < source.NegativePatterns.Count; j++)
            {
                NegativePatterns.Add((source.NegativePatterns[j], $"{path}:{nameof(SpotlightBucketOptions.NegativePatterns)}:{j}"));
            }
        }
    }
}
