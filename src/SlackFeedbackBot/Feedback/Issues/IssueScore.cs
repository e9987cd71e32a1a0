namespace SlackFeedbackBot.Feedback.Issues;

/// <summary>How rare a key word is among all feedback: rare words say more about which issue a message is.</summary>
public interface IWordRarity
{
    /// <summary>The inverse document frequency of <paramref name="stem"/>: log((N + 1) / (n + 0.5)), never below a small floor.</summary>
    double Idf(string stem);
}

/// <summary>A similarity between two pieces of feedback and the key words that made it, rarest first.</summary>
public sealed record IssueSimilarity(double Score, IReadOnlyList<string> SharedWords)
{
    public static IssueSimilarity None { get; } = new(0, []);
}

/// <summary>
/// The matcher's score: the cosine of the two messages' key words weighted by rarity (IDF), with every word counted once.
/// Fewer than two shared key words is no match, whatever the weights: one word in common ("export") is a topic, not an
/// issue. Deterministic: the same words give the same score and the same explanation.
/// </summary>
public static class IssueScore
{
    public const int MinimumSharedWords = 2;

    public static IssueSimilarity Of(IssueWords a, IssueWords b, IWordRarity rarity)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return IssueSimilarity.None;
        }

        var shared = a.Stems.Keys.Where(b.Stems.ContainsKey).ToList();
        if (shared.Count < MinimumSharedWords)
        {
            return new IssueSimilarity(0, shared.Select(s => a.Stems[s]).ToList());
        }

        double Weight(string stem) => Math.Pow(rarity.Idf(stem), 2);
        var both = shared.Sum(Weight);
        var norm = Math.Sqrt(a.Stems.Keys.Sum(Weight)) * Math.Sqrt(b.Stems.Keys.Sum(Weight));
        var words = shared
            .OrderByDescending(rarity.Idf).ThenBy(s => s, StringComparer.Ordinal)
            .Select(s => a.Stems[s])
            .ToList();
        return new IssueSimilarity(norm == 0 ? 0 : Math.Round(both / norm, 4), words);
    }
}

/// <summary>Rarity counted over a fixed set of texts (the labelled set, a test's items).</summary>
public sealed class CountedRarity : IWordRarity
{
    private readonly Dictionary<string, int> _documents = new(StringComparer.Ordinal);
    private readonly int _total;

    public CountedRarity(IEnumerable<IssueWords> documents)
    {
        foreach (var document in documents)
        {
            _total++;
            foreach (var stem in document.Stems.Keys)
            {
                _documents[stem] = _documents.GetValueOrDefault(stem) + 1;
            }
        }
    }

    public double Idf(string stem) => Rarity.Idf(_total, _documents.GetValueOrDefault(stem));
}

public static class Rarity
{
    /// <summary>
    /// The fewest documents rarity is counted over: with only a handful of items every shared word would look common
    /// (two items both saying "Trello" make it the whole corpus), so a young database counts as this many, the missing
    /// ones without the word.
    /// </summary>
    public const int MinimumCorpus = 50;

    /// <summary>Smoothed IDF; a word in every document still weighs a little, so two long identical texts match.</summary>
    public static double Idf(long total, long withWord) => Math.Max(0.1, Math.Log((Math.Max(total, MinimumCorpus) + 1.0) / (withWord + 0.5)));
}
