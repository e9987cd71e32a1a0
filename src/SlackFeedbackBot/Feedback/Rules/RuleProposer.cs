using System.Text.RegularExpressions;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// What adding a rule would do to the history: the items it would move (automatic buckets only), the items a person put in
/// another bucket that it would contradict, and how many of the buckets people chose it agrees with.
/// </summary>
public sealed record RuleDryRun(IReadOnlyList<RuleMove> Moves, IReadOnlyList<long> Contradicted, int Agreed);

/// <summary>A rule to offer: <paramref name="Phrase"/> (plain words) for <paramref name="Bucket"/>, learnt from item <paramref name="ItemId"/>.</summary>
public sealed record RuleProposal(long ItemId, string Bucket, string Phrase, RuleDryRun DryRun);

/// <summary>
/// Learns from a reclassification: finds the short phrase of the item (two to four words of one sentence) that is
/// distinctive for its new bucket and matches no rule yet, and tries it on the history first.
/// Distinctive means no other item in another bucket (or left unclassified by a person) says it; among those, the
/// phrase heard in most items of the bucket (or not yet classified) wins, then three words before two or four, then
/// the one with most function words ("me", "up", "where", "can't": how people ask, not what they ask about), then the
/// one made of the most common words of the history.
/// </summary>
public sealed partial class RuleProposer(SpotlightRuleSet rules, FeedbackRuleHistory history)
{
    public const int MinWords = 2;
    public const int MaxWords = 4;

    // These alone ("is the", "is there a") say nothing about how someone asks.
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "to", "of", "in", "on", "at", "for", "and", "or", "is", "are", "was", "it", "this", "that", "i",
        "we", "you", "my", "our", "your", "be", "with", "as", "by", "from", "so", "but", "if", "do", "does", "there",
    };

    // The words of how someone asks rather than of what they ask about.
    private static readonly HashSet<string> FunctionWords = new(Filler.Concat(
    [
        "me", "us", "them", "him", "her", "up", "out", "off", "about", "around", "into", "over", "through", "how", "where",
        "what", "when", "why", "which", "who", "can", "could", "would", "should", "will", "not", "no", "any", "some",
        "there's", "where's", "what's", "i'm", "we're", "it's", "can't", "don't", "doesn't", "didn't",
    ]), StringComparer.Ordinal);

    /// <summary>The rule to propose when item <paramref name="item"/> was moved to <paramref name="bucket"/>, or null when no phrase fits.</summary>
    public RuleProposal? Propose(FeedbackItem item, string bucket)
    {
        if (bucket == SpotlightBuckets.Unclassified || rules.Buckets.All(b => b.Id != bucket))
        {
            return null;
        }

        var past = history.Items();
        var sentences = past.ToDictionary(p => p.Id, p => Sentences(p.Text));
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var words in sentences.Values.Select(s => s.SelectMany(w => w).ToHashSet(StringComparer.Ordinal)))
        {
            foreach (var word in words)
            {
                frequency[word] = frequency.GetValueOrDefault(word) + 1;
            }
        }

        // A stronger bucket's rule would still win whatever this bucket learns.
        if (rules.Classify(item.Text) is { IsClassified: true } now && Rank(now.Bucket) < Rank(bucket))
        {
            return null;
        }

        var candidates = new List<Candidate>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var order = 0;
        foreach (var sentence in Sentences(item.Text))
        {
            for (var n = MinWords; n <= MaxWords; n++)
            {
                for (var start = 0; start + n <= sentence.Length; start++)
                {
                    var words = sentence[start..(start + n)];
                    var phrase = string.Join(' ', words);
                    order++;
                    if (!seen.Add(phrase) || !words.All(IsPlainWord) || words.All(Filler.Contains)
                        || rules.Classify(phrase).IsClassified)
                    {
                        continue;
                    }

                    var (support, against) = Evidence(phrase, bucket, item.Id, past, sentences);
                    if (against == 0)
                    {
                        candidates.Add(new Candidate(phrase, support, Math.Abs(n - 3), words.Count(FunctionWords.Contains), words.Min(w => frequency.GetValueOrDefault(w)), order));
                    }
                }
            }
        }

        foreach (var candidate in candidates
            .OrderByDescending(c => c.Support).ThenBy(c => c.DistanceFromThreeWords).ThenByDescending(c => c.FunctionWords)
            .ThenByDescending(c => c.Commonness).ThenBy(c => c.Order))
        {
            // The phrase must decide this item: a stronger bucket's rule may still win, and then the rule would change nothing here.
            if (rules.With(bucket, candidate.Phrase) is { } tried && tried.Classify(item.Text).Bucket == bucket)
            {
                return new RuleProposal(item.Id, bucket, candidate.Phrase, DryRun(bucket, candidate.Phrase, past) ?? new RuleDryRun([], [], 0));
            }
        }

        return null;
    }

    /// <summary>What the rule would do over the history, or null when the words cannot be a rule.</summary>
    public RuleDryRun? DryRun(string bucket, string phrase, IReadOnlyList<RuleHistoryItem>? past = null)
    {
        if (rules.With(bucket, phrase) is not { } tried)
        {
            return null;
        }

        var moves = new List<RuleMove>();
        var contradicted = new List<long>();
        var agreed = 0;
        foreach (var item in past ?? history.Items())
        {
            var before = rules.Classify(item.Text);
            var after = tried.Classify(item.Text);
            if (before.Bucket == after.Bucket)
            {
                continue;
            }

            if (item.SetByPerson)
            {
                if (after.Bucket == item.Bucket)
                {
                    agreed++;
                }
                else
                {
                    contradicted.Add(item.Id);
                }
            }
            else if (item.Bucket != after.Bucket)
            {
                moves.Add(new RuleMove(item.Id, item.Bucket, after.Bucket, after.Rule));
            }
        }

        return new RuleDryRun(moves, contradicted, agreed);
    }

    /// <summary>A message as the rules read it: sentences of canonical words.</summary>
    internal static string[][] Sentences(string? text) =>
        SpotlightTextNormalizer.Normalize(text)
            .Split(". ", StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.TrimEnd('.').Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(words => words.Length > 0)
            .ToArray();

    private static (int Support, int Against) Evidence(string phrase, string bucket, long itemId, IReadOnlyList<RuleHistoryItem> past, Dictionary<long, string[][]> sentences)
    {
        var words = phrase.Split(' ');
        int support = 0, against = 0;
        foreach (var other in past)
        {
            if (other.Id == itemId || !sentences[other.Id].Any(s => Contains(s, words)))
            {
                continue;
            }

            if (other.Bucket == bucket || (other.Bucket == SpotlightBuckets.Unclassified && !other.SetByPerson))
            {
                support++;
            }
            else
            {
                against++;
            }
        }

        return (support, against);
    }

    private static bool Contains(string[] sentence, string[] words)
    {
        for (var start = 0; start + words.Length <= sentence.Length; start++)
        {
            if (sentence.AsSpan(start, words.Length).SequenceEqual(words))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPlainWord(string word) => word.Length <= 40 && PlainWord().IsMatch(word);

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N}']*$")]
    private static partial Regex PlainWord();

    private int Rank(string bucket) => rules.Buckets.FirstOrDefault(b => b.Id == bucket)?.Rank ?? int.MaxValue;

    private sealed record Candidate(string Phrase, int Support, int DistanceFromThreeWords, int FunctionWords, int Commonness, int Order);
}
