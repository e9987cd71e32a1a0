using System.Numerics;

namespace SlackFeedbackBot.Spotlight;

/// <summary>
/// Maps every word the rules use to a small integer, looked up straight from a span of the message.
/// Chat spellings share the id of their canonical word; a word no rule uses is <see cref="Unknown"/>.
/// Every word of every message goes through <see cref="IdOf(ReadOnlySpan{char})"/>, most of them unknown, so the
/// table is a small open-addressing one with a cheap FNV-1a hash over the short span and a length filter in front:
/// measured, this is several times faster than a general-purpose dictionary's span lookup.
/// </summary>
internal sealed class SpotlightVocabulary
{
    public const int Unknown = 0;
    public const int SentenceEnd = 1;
    private const int FirstWordId = 2;

    private readonly string[] slotWords;
    private readonly int[] slotIds;
    private readonly uint slotMask;
    private readonly int longestWord;
    private readonly (int First, int Second, int Merged)[] merges;
    private readonly bool[] isMergeSecond;

    private SpotlightVocabulary(Dictionary<string, int> ids, int count)
    {
        Count = count;
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(64, ids.Count * 4));
        slotWords = new string[capacity];
        slotIds = new int[capacity];
        slotMask = (uint)capacity - 1;
        foreach (var (word, id) in ids)
        {
            var slot = Hash(word) & slotMask;
            while (slotWords[slot] is not null)
            {
                slot = (slot + 1) & slotMask;
            }

            slotWords[slot] = word;
            slotIds[slot] = id;
            longestWord = Math.Max(longestWord, word.Length);
        }

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

    public int IdOf(ReadOnlySpan<char> word)
    {
        if (word.Length > longestWord)
        {
            return Unknown;
        }

        for (var slot = Hash(word) & slotMask; ; slot = (slot + 1) & slotMask)
        {
            var candidate = slotWords[slot];
            if (candidate is null)
            {
                return Unknown;
            }

            if (word.SequenceEqual(candidate))
            {
                return slotIds[slot];
            }
        }
    }

    private static uint Hash(ReadOnlySpan<char> word)
    {
        var hash = 2166136261u;
        foreach (var c in word)
        {
            hash = (hash ^ c) * 16777619u;
        }

        // FNV's low bits mix poorly for short keys; fold the high half in before masking.
        return hash ^ (hash >> 15);
    }

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
