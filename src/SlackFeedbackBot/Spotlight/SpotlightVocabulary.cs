using System.Collections.Frozen;

namespace SlackFeedbackBot.Spotlight;

/// <summary>
/// Maps every word the rules use to a small integer, looked up straight from a span of the message.
/// Chat spellings share the id of their canonical word; a word no rule uses is <see cref="Unknown"/>.
/// </summary>
internal sealed class SpotlightVocabulary
{
    public const int Unknown = 0;
    public const int SentenceEnd = 1;
    private const int FirstWordId = 2;

    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly (int First, int Second, int Merged)[] merges;
    private readonly bool[] isMergeSecond;

    private SpotlightVocabulary(Dictionary<string, int> ids, int count)
    {
        Count = count;
        lookup = ids.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        merges = [.. SpotlightWordForms.Merges.Select(m => (ids[m.First], ids[m.Second], ids[m.Merged]))];
        isMergeSecond = new bool[count];
        foreach (var merge in merges)
        {
            isMergeSecond[merge.Second] = true;
        }
    }

    /// <summary>Ids run from 0 to Count - 1.</summary>
    public int Count { get; }

    public static SpotlightVocabulary Build(IEnumerable<string> ruleWords)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = FirstWordId;
        foreach (var word in ruleWords.Concat(SpotlightWordForms.AllWords()).Select(SpotlightWordForms.Canonical))
        {
            if (!ids.ContainsKey(word))
            {
                ids[word] = next++;
            }
        }

        foreach (var (alias, canonical) in SpotlightWordForms.Aliases)
        {
            ids[alias] = ids[canonical];
        }

        return new SpotlightVocabulary(ids, next);
    }

    public int IdOf(ReadOnlySpan<char> word) => lookup.TryGetValue(word, out var id) ? id : Unknown;

    public int IdOf(string word) => IdOf(word.AsSpan());

    /// <summary>The id that replaces the pair ("i" + "m" is "i'm"), or <see cref="Unknown"/> when they stay two words.</summary>
    public int Merge(int previous, int current)
    {
        if (!isMergeSecond[current])
        {
            return Unknown;
        }

        foreach (var (first, second, merged) in merges)
        {
            if (first == previous && second == current)
            {
                return merged;
            }
        }

        return Unknown;
    }
}
