namespace SlackFeedbackBot.Digests;

/// <summary>
/// A deliberately small suffix stripper, so that "integrate", "integrating" and "integrated" (or "report" and
/// "reports") count as one term. It is predictable rather than linguistically right: stems are only compared,
/// people see the original words.
/// </summary>
public static class LightStemmer
{
    private const int MinimumStem = 3;

    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= MinimumStem || !word.All(char.IsLetter))
        {
            return word;
        }

        var stem = StripPlural(word);
        stem = StripVerbEnding(stem, "ing");
        stem = StripVerbEnding(stem, "ed");
        if (stem.Length > MinimumStem && stem.EndsWith('e'))
        {
            stem = stem[..^1];
        }
        return stem;
    }

    private static string StripPlural(string word)
    {
        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
        {
            return word[..^3] + "y";
        }
        if (word.EndsWith("sses", StringComparison.Ordinal))
        {
            return word[..^2];
        }
        if (word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal)
            && !word.EndsWith("us", StringComparison.Ordinal) && !word.EndsWith("is", StringComparison.Ordinal))
        {
            return word[..^1];
        }
        return word;
    }

    private static string StripVerbEnding(string word, string ending)
    {
        if (!word.EndsWith(ending, StringComparison.Ordinal) || word.Length - ending.Length < MinimumStem)
        {
            return word;
        }
        var stem = word[..^ending.Length];
        // "running" -> "runn" -> "run"; "calling" keeps its double l ("call").
        if (stem.Length > MinimumStem && stem[^1] == stem[^2] && stem[^1] is not ('l' or 's' or 'z'))
        {
            stem = stem[..^1];
        }
        return stem;
    }
}
