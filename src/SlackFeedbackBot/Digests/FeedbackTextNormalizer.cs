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

    public static string Normalize(string text) => string.Join(' ', Words(text));

    public static IReadOnlyList<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // <https://x|label> keeps its label, which people wrote; a bare <https://x>, a mention or a <!here>
        // carries nothing about the request itself.
        var lowered = SlackText.WithoutMarkup(text).ToLowerInvariant();
        lowered = BareUrl().Replace(lowered, " ");
        lowered = Emoji().Replace(lowered, " ");

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
