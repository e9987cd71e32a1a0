using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SlackFeedbackBot.Spotlight;

/// <summary>
/// The classifier the bot uses: the configured rules plus the rules people added in Slack, compiled together.
/// Each added rule joins its bucket after the configured phrases, so a configured phrase that also matches is the one
/// reported. <see cref="Reload"/> compiles them again after a rule is added or removed; a call in flight keeps the rules
/// it started with. After the last added rule is removed the configured rules alone are compiled again.
/// </summary>
public sealed class SpotlightRuleSet : ISpotlightClassifier
{
    private readonly SpotlightOptions options;
    private readonly Func<SpotlightRuleStore?> storeFactory;
    private readonly ILogger log;
    private readonly Lock loading = new();
    private readonly IReadOnlyList<SpotlightBucket> buckets;
    private volatile Compiled current;
    private volatile bool loaded;

    /// <exception cref="SpotlightConfigurationException">A configured setting is invalid; the message names it.</exception>
    public SpotlightRuleSet(SpotlightOptions options, SpotlightRuleStore? store = null, ILogger<SpotlightRuleSet>? log = null)
        : this(options, () => store, log)
    {
    }

    /// <param name="storeFactory">Asked for the store on the first classification, so building the rules (a configuration
    /// check, `doctor`) never opens or creates the database.</param>
    public SpotlightRuleSet(SpotlightOptions options, Func<SpotlightRuleStore?> storeFactory, ILogger<SpotlightRuleSet>? log = null)
    {
        this.options = options;
        this.storeFactory = storeFactory;
        this.log = (ILogger?)log ?? NullLogger.Instance;
        var configured = new SpotlightClassifier(options);
        buckets = configured.Buckets;
        current = new Compiled(configured, []);
    }

    /// <summary>Added rules never add a bucket, so the buckets are the configured ones.</summary>
    public IReadOnlyList<SpotlightBucket> Buckets => buckets;

    /// <summary>The rules added in Slack that the classifier uses now.</summary>
    public IReadOnlyList<SpotlightLearnedRule> LearnedRules => Current.Learned;

    private Compiled Current
    {
        get
        {
            if (!loaded)
            {
                lock (loading)
                {
                    if (!loaded)
                    {
                        Reload();
                    }
                }
            }

            return current;
        }
    }

    /// <summary>The configured and built-in rules, without the added ones (what `spotlight rules` lists as configured).</summary>
    public SpotlightOptions Options => options;

    public SpotlightResult Classify(string? text) => Current.Classifier.Classify(text.AsSpan());

    public SpotlightResult Classify(ReadOnlySpan<char> text) => Current.Classifier.Classify(text);

    /// <summary>Reads the added rules again and compiles them with the configured ones, when they changed.</summary>
    public void Reload()
    {
        var learned = (storeFactory()?.All() ?? []).Where(r => Buckets.Any(b => b.Id == r.Bucket)).ToList();
        // Rules are only ever added or removed, never changed: the same ids are the same rules, and compiling is skipped.
        if (learned.Select(r => r.Id).SequenceEqual(current.Learned.Select(r => r.Id)))
        {
            loaded = true;
            return;
        }

        if (TryCompile(learned, out var classifier))
        {
            current = new Compiled(classifier!, learned);
        }

        loaded = true;
    }

    /// <summary>
    /// Stores a rule for <paramref name="bucket"/> and classifies with it from now on. The same words for the same
    /// bucket again change nothing and return the rule already there. Null when there is no database to keep it in.
    /// </summary>
    public (SpotlightLearnedRule Rule, bool Added)? Add(string bucket, string phrase, string addedBy, DateTimeOffset now, long? fromItemId)
    {
        if (storeFactory() is not { } store)
        {
            return null;
        }

        var stored = store.Add(bucket, phrase, addedBy, now, fromItemId);
        Reload();
        return stored;
    }

    /// <summary>
    /// Takes an added rule back: its row is marked removed (who, when; never deleted) and the classifier compiles
    /// without it. The same words can be proposed and added again later, as a new rule.
    /// </summary>
    public SpotlightRuleRemoval Remove(long id, string removedBy, DateTimeOffset now)
    {
        if (storeFactory() is not { } store)
        {
            return new SpotlightRuleRemoval(SpotlightRuleRemovalOutcome.NoDatabase, null);
        }

        if (store.Find(id) is not { } rule)
        {
            return new SpotlightRuleRemoval(SpotlightRuleRemovalOutcome.NoSuchRule, null);
        }

        if (!store.Remove(id, removedBy, now))
        {
            return new SpotlightRuleRemoval(SpotlightRuleRemovalOutcome.AlreadyRemoved, store.Find(id) ?? rule);
        }

        Reload();
        return new SpotlightRuleRemoval(SpotlightRuleRemovalOutcome.Removed, store.Find(id) ?? rule);
    }

    /// <summary>The added rule with this id, removed or not; null when there is none (or no database).</summary>
    public SpotlightLearnedRule? Find(long id) => storeFactory()?.Find(id);

    /// <summary>Every rule ever added in Slack, the removed ones too, oldest first.</summary>
    public IReadOnlyList<SpotlightLearnedRule> History() => storeFactory()?.History() ?? [];

    /// <summary>The rules as they would be without the added rule <paramref name="id"/>: for dry runs. Null when they do not compile.</summary>
    public ISpotlightClassifier? Without(long id) =>
        TryCompile(Current.Learned.Where(r => r.Id != id).ToList(), out var classifier) ? classifier : null;

    /// <summary>The rules as they would be with one more phrase for <paramref name="bucket"/>: for dry runs. Null when it does not compile.</summary>
    public ISpotlightClassifier? With(string bucket, string phrase)
    {
        var extra = new SpotlightLearnedRule(0, bucket, phrase, "", DateTimeOffset.UnixEpoch, null);
        return TryCompile([.. Current.Learned, extra], out var classifier) ? classifier : null;
    }

    private bool TryCompile(IReadOnlyList<SpotlightLearnedRule> learned, out SpotlightClassifier? classifier)
    {
        try
        {
            classifier = new SpotlightClassifier(Combine(options, learned));
            return true;
        }
        catch (SpotlightConfigurationException ex)
        {
            log.LogWarning("Spotlight rules added in Slack were left out: {Problem}", ex.Message);
            classifier = null;
            return false;
        }
    }

    /// <summary>A copy of the options with each added phrase appended to its bucket (a built-in bucket gets an entry of its own).</summary>
    private static SpotlightOptions Combine(SpotlightOptions options, IReadOnlyList<SpotlightLearnedRule> learned)
    {
        var buckets = options.Buckets.Select(b => new SpotlightBucketOptions
        {
            Id = b.Id,
            DisplayName = b.DisplayName,
            Description = b.Description,
            Phrases = [.. b.Phrases],
            NegativePatterns = [.. b.NegativePatterns],
        }).ToList();
        foreach (var rule in learned)
        {
            var bucket = buckets.Find(b => b.Id?.Trim() == rule.Bucket);
            if (bucket is null)
            {
                bucket = new SpotlightBucketOptions { Id = rule.Bucket };
                buckets.Add(bucket);
            }

            bucket.Phrases.Add(rule.Phrase);
        }

        return new SpotlightOptions { IncludeDefaultBuckets = options.IncludeDefaultBuckets, Precedence = [.. options.Precedence], Buckets = buckets };
    }

    private sealed record Compiled(SpotlightClassifier Classifier, IReadOnlyList<SpotlightLearnedRule> Learned);
}

public enum SpotlightRuleRemovalOutcome
{
    Removed,
    NoSuchRule,
    AlreadyRemoved,
    NoDatabase,
}

/// <summary>What <see cref="SpotlightRuleSet.Remove"/> did, with the rule as it is now (null when there is none).</summary>
public sealed record SpotlightRuleRemoval(SpotlightRuleRemovalOutcome Outcome, SpotlightLearnedRule? Rule);
