using System.Text.RegularExpressions;

namespace SlackFeedbackBot.Spotlight;

/// <summary>
/// The rule that decided a bucket as people read it: the phrase it matched, not the pattern it was written as.
/// <c>positioning: "not your (target|ideal) (customer|user)"</c> on "I'm not your ideal user" reads
/// <c>positioning: "not your ideal user"</c>. When the words cannot be found again (a chat spelling the classifier
/// folded), the pattern's first phrase stands in, so a person never sees the pattern syntax.
/// </summary>
public static partial class SpotlightRuleText
{
    private const int MaxSkippedWords = 12;

    public static string ForPeople(string rule, string text)
    {
        var match = StoredRule().Match(rule);
        if (!match.Success || !SpotlightPattern.TryParse(match.Groups["pattern"].Value, out var sequences, out _) || sequences.Count == 0)
        {
            return rule;
        }

        var lower = Word().Matches(text.Replace('’', '\'').Replace('‘', '\'')).Select(w => w.Value.ToLowerInvariant()).ToArray();
        foreach (var sequence in sequences)
        {
            for (var start = 0; start < lower.Length; start++)
            {
                if (MatchAt(sequence, 0, lower, start) is { } end)
                {
                    return $"{match.Groups["bucket"].Value}: \"{string.Join(' ', lower[start..end])}\"";
                }
            }
        }

        return $"{match.Groups["bucket"].Value}: \"{string.Join(' ', sequences[0].Select(step => step.ToString()))}\"";
    }

    /// <summary>Where the words matching <paramref name="steps"/> from <paramref name="step"/> on end, or null.</summary>
    private static int? MatchAt(PatternStep[] steps, int step, string[] words, int at)
    {
        if (step == steps.Length)
        {
            return at;
        }

        switch (steps[step].Kind)
        {
            case PatternStepKind.Word:
                return at < words.Length && words[at] == steps[step].Word ? MatchAt(steps, step + 1, words, at + 1) : null;
            case PatternStepKind.AnyWord:
                return at < words.Length ? MatchAt(steps, step + 1, words, at + 1) : null;
            default:
                for (var skip = 0; skip <= MaxSkippedWords && at + skip <= words.Length; skip++)
                {
                    if (MatchAt(steps, step + 1, words, at + skip) is { } end)
                    {
                        return end;
                    }
                }

                return null;
        }
    }

    [GeneratedRegex("^(?<bucket>[^:]+): \"(?<pattern>.*)\"$", RegexOptions.Singleline)]
    private static partial Regex StoredRule();

    [GeneratedRegex(@"[\p{L}\p{N}']+")]
    private static partial Regex Word();
}
