namespace SlackFeedbackBot.Spotlight;

/// <summary>
/// Chat spellings folded onto one canonical word, applied alike to messages and to patterns,
/// so a rule written as "can you" also hears "can u" and "i'm" also hears "im" and "i m".
/// </summary>
internal static class SpotlightWordForms
{
    public static IReadOnlyDictionary<string, string> Aliases { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["u"] = "you",
        ["ya"] = "you",
        ["r"] = "are",
        ["ur"] = "your",
        ["pls"] = "please",
        ["plz"] = "please",
        ["im"] = "i'm",
        ["ive"] = "i've",
        ["youre"] = "you're",
        ["cant"] = "can't",
        ["cannot"] = "can't",
        ["couldnt"] = "couldn't",
        ["dont"] = "don't",
        ["doesnt"] = "doesn't",
        ["didnt"] = "didn't",
        ["isnt"] = "isn't",
        ["wasnt"] = "wasn't",
        ["wont"] = "won't",
        ["whats"] = "what's",
        ["thats"] = "that's",
        ["theres"] = "there's",
        ["wheres"] = "where's",
        ["hows"] = "how's",
        // Common misspellings of the words the rules ask with.
        ["suport"] = "support",
        ["supprot"] = "support",
        ["intergrate"] = "integrate",
        ["intergration"] = "integration",
        ["intergrations"] = "integrations",
        ["wich"] = "which",
        ["defualt"] = "default",
    };

    /// <summary>Two words that chat splits but mean one: "i m" is "i'm", "can not" is "can't".</summary>
    public static IReadOnlyList<(string First, string Second, string Merged)> Merges { get; } =
    [
        ("i", "m", "i'm"),
        ("can", "not", "can't"),
    ];

    public static string Canonical(string word) => Aliases.TryGetValue(word, out var canonical) ? canonical : word;

    /// <summary>Every word the alias and merge tables may produce or consume.</summary>
    public static IEnumerable<string> AllWords()
    {
        foreach (var (alias, canonical) in Aliases)
        {
            yield return alias;
            yield return canonical;
        }

        foreach (var (first, second, merged) in Merges)
        {
            yield return first;
            yield return second;
            yield return merged;
        }
    }
}
