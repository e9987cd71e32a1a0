using System.Text;
using System.Text.RegularExpressions;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Digests;

/// <summary>Turns a Slack message into lower-case words: markup, emoji, quotes and punctuation removed.</summary>
public static partial class FeedbackTextNormalizer
{
    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex BareUrl();

    [GeneratedRegex(@":[a-z0-9_+\-']+:")]
    private static partial Regex Emoji();

    // "@ana" typed as plain text (not a Slack mention) names a person, not what was asked.
    [GeneratedRegex(@"(?<![\p{L}\p{N}])@[\p{L}\p{N}._\-]+")]
    private static partial Regex PlainMention();

    [GeneratedRegex(@"[\p{L}\p{N}'\u2019]+|[.!?\n]")]
    private static partial Regex WordOrSentenceEnd();

    public static string Normalize(string text) => string.Join(' ', Words(text));

    /// <summary>
    /// The words written in title case inside a sentence ("asked by Maria at Globex"), lower-cased: likely names of people or
    /// companies. A sentence's first word and words in an all-capitals text are not counted.
    /// </summary>
    public static IReadOnlySet<string> TitleCaseWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var plain = Emoji().Replace(BareUrl().Replace(SlackText.WithoutMarkup(text), " "), " ");
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (!plain.Any(char.IsLower))
        {
            return names;
        }
        var sentenceStart = true;
        foreach (Match token in WordOrSentenceEnd().Matches(plain))
        {
            var word = token.Value;
            if (word is "." or "!" or "?" or "\n")
            {
                sentenceStart = true;
                continue;
            }
            if (!sentenceStart && word.Length > 1 && char.IsUpper(word[0]) && word.Skip(1).Any(char.IsLower) && !word.Skip(1).Any(char.IsUpper))
            {
                names.Add(new string(word.Where(ch => !IsApostrophe(ch)).ToArray()).ToLowerInvariant());
            }
            sentenceStart = false;
        }
        return names;
    }

    public static IReadOnlyList<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // <https://x|label> keeps its label, which people wrote; a bare <https://x>, a mention or a <!here>
        // carries nothing about the request itself.
        var lowered = SlackText.WithoutMarkup(text).ToLowerInvariant();
        lowered = BareUrl().Replace(lowered, " ");
        lowered = Emoji().Replace(lowered, " ");
        lowered = PlainMention().Replace(lowered, " ");

        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var ch in lowered)
        {
            if (char.IsLetterOrDigit(ch))
            {
                current.Append(ch);
            }
            else if (IsApostrophe(ch))
            {
                // "don't" and "don’t" both become "dont", so contractions meet the stop-word list.
                continue;
            }
            else
            {
                Flush(current, words);
            }
        }
        Flush(current, words);
        return words;
    }

    private static bool IsApostrophe(char ch) => ch is '\'' or '\u2019' or '\u2018' or '\u02BC';

    private static void Flush(StringBuilder current, List<string> words)
    {
        if (current.Length == 0)
        {
            return;
        }
        words.Add(current.ToString());
        current.Clear();
    }
}
