using System.Text;

namespace SlackFeedbackBot.Spotlight;

internal enum PatternStepKind
{
    Word,
    AnyWord,
    AnyWords,
}

/// <summary>One step of an expanded pattern: a literal word, "*" (exactly one word) or "..." (any words).</summary>
internal readonly record struct PatternStep(PatternStepKind Kind, string? Word = null)
{
    public static PatternStep AnyWord { get; } = new(PatternStepKind.AnyWord);

    public static PatternStep AnyWords { get; } = new(PatternStepKind.AnyWords);

    public override string ToString() => Kind switch
    {
        PatternStepKind.Word => Word!,
        PatternStepKind.AnyWord => "*",
        _ => "...",
    };
}

/// <summary>
/// Parses the small pattern language (README.md in this folder) into the plain word sequences it stands for:
/// "how (do|can) i" becomes "how do i" and "how can i". Words are read exactly as message words are
/// (lower case, straight apostrophes, chat spellings folded), so a pattern and a message always agree.
/// </summary>
internal static class SpotlightPattern
{
    /// <summary>Guards against a pattern whose groups multiply into an unreasonable number of phrases.</summary>
    public const int MaxExpansions = 4096;

    private const string RegexCharacters = "[]{}\\^$+";

    public static bool TryParse(string? pattern, out List<PatternStep[]> sequences, out string error)
    {
        sequences = [];
        error = "";
        if (string.IsNullOrWhiteSpace(pattern))
        {
            error = "is empty";
            return false;
        }

        // Each element is a set of alternatives; each alternative is a list of steps (empty = optional group).
        var elements = new List<List<List<PatternStep>>>();
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (RegexCharacters.Contains(c))
            {
                error = $"'{c}' is not part of the pattern syntax (this is not a regular expression; use words, (a|b), * and ...)";
                return false;
            }

            switch (c)
            {
                case '(':
                    var close = pattern.IndexOf(')', i + 1);
                    if (close < 0)
                    {
                        error = "has a '(' without its ')'";
                        return false;
                    }

                    var inside = pattern.Substring(i + 1, close - i - 1);
                    if (inside.Contains('('))
                    {
                        error = "nests parentheses, which patterns do not support";
                        return false;
                    }

                    var alternatives = new List<List<PatternStep>>();
                    foreach (var alternative in inside.Split('|'))
                    {
                        if (alternative.Contains('*') || alternative.Contains('.'))
                        {
                            error = "puts '*' or '...' inside ( ); use them outside a group";
                            return false;
                        }

                        alternatives.Add(ReadWords(alternative));
                    }

                    if (alternatives.TrueForAll(a => a.Count == 0))
                    {
                        error = "has an empty group '()'";
                        return false;
                    }

                    elements.Add(alternatives);
                    i = close + 1;
                    break;
                case ')':
                    error = "has a ')' without its '('";
                    return false;
                case '|':
                    error = "has a '|' outside ( ); write alternatives as (a|b)";
                    return false;
                case '*':
                    elements.Add([[PatternStep.AnyWord]]);
                    i++;
                    break;
                case '.':
                    if (string.CompareOrdinal(pattern, i, "...", 0, 3) != 0)
                    {
                        error = "has a lone '.'; use '...' for any words within the sentence";
                        return false;
                    }

                    elements.Add([[PatternStep.AnyWords]]);
                    i += 3;
                    break;
                default:
                    var start = i;
                    while (i < pattern.Length && !IsSyntax(pattern[i]))
                    {
                        i++;
                    }

                    var words = ReadWords(pattern[start..i]);
                    if (words.Count > 0)
                    {
                        elements.Add([words]);
                    }

                    if (i == start)
                    {
                        i++;
                    }

                    break;
            }
        }

        var expanded = new List<List<PatternStep>> { new() };
        foreach (var element in elements)
        {
            if (expanded.Count * element.Count > MaxExpansions)
            {
                error = $"expands into more than {MaxExpansions} phrases; split it into several patterns";
                return false;
            }

            var next = new List<List<PatternStep>>(expanded.Count * element.Count);
            foreach (var prefix in expanded)
            {
                foreach (var alternative in element)
                {
                    next.Add([.. prefix, .. alternative]);
                }
            }

            expanded = next;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in expanded)
        {
            var steps = Tidy(raw);
            if (!steps.Exists(s => s.Kind == PatternStepKind.Word))
            {
                error = "needs at least one word besides * and ...";
                return false;
            }

            if (steps[0].Kind == PatternStepKind.AnyWords || steps[^1].Kind == PatternStepKind.AnyWords)
            {
                error = "starts or ends with '...', which would match nothing more than the pattern without it";
                return false;
            }

            if (steps.Exists(s => s.Word?.Length > SpotlightTokenizer.MaxWordLength))
            {
                error = $"has a word longer than {SpotlightTokenizer.MaxWordLength} characters, which no message word can match";
                return false;
            }

            if (seen.Add(string.Join(' ', steps)))
            {
                sequences.Add([.. steps]);
            }
        }

        return true;
    }

    private static bool IsSyntax(char c) => c is '(' or ')' or '|' or '*' or '.' || RegexCharacters.Contains(c);

    /// <summary>Reads plain words with the message tokenizer, then folds chat spellings and split words.</summary>
    private static List<PatternStep> ReadWords(string text)
    {
        var collector = new WordCollector([]);
        SpotlightTokenizer.Tokenize(text.AsSpan(), ref collector);
        var steps = new List<PatternStep>(collector.Words.Count);
        foreach (var word in collector.Words)
        {
            steps.Add(new PatternStep(PatternStepKind.Word, word));
        }

        return steps;
    }

    /// <summary>Applies aliases and merges ("i m" is "i'm") and collapses "... ..." into one.</summary>
    private static List<PatternStep> Tidy(List<PatternStep> raw)
    {
        var result = new List<PatternStep>(raw.Count);
        foreach (var step in raw)
        {
            if (step.Kind == PatternStepKind.AnyWords && result.Count > 0 && result[^1].Kind == PatternStepKind.AnyWords)
            {
                continue;
            }

            if (step.Kind != PatternStepKind.Word)
            {
                result.Add(step);
                continue;
            }

            var word = SpotlightWordForms.Canonical(step.Word!);
            if (result.Count > 0 && result[^1].Kind == PatternStepKind.Word
                && TryMerge(result[^1].Word!, word, out var merged))
            {
                result[^1] = new PatternStep(PatternStepKind.Word, merged);
                continue;
            }

            result.Add(new PatternStep(PatternStepKind.Word, word));
        }

        return result;
    }

    public static bool TryMerge(string first, string second, out string merged)
    {
        foreach (var merge in SpotlightWordForms.Merges)
        {
            if (merge.First == first && merge.Second == second)
            {
                merged = merge.Merged;
                return true;
            }
        }

        merged = "";
        return false;
    }

    private readonly ref struct WordCollector(List<string> words) : ISpotlightTokenSink
    {
        public List<string> Words { get; } = words;

        public void Word(scoped ReadOnlySpan<char> word)
        {
            if (word.IsEmpty)
            {
                // Only an over-long word arrives empty; keep it so the pattern fails validation loudly.
                Words.Add(new string('x', SpotlightTokenizer.MaxWordLength + 1));
                return;
            }

            Words.Add(word.ToString());
        }

        public void SentenceEnd()
        {
        }
    }
}
