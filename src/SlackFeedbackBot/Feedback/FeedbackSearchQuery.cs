using System.Text;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// Turns what a person typed into a safe FTS5 query: every word becomes a quoted string (inner quotes doubled),
/// so FTS5 syntax characters such as <c>"</c>, <c>*</c>, <c>-</c> or <c>NEAR</c> are searched for, never parsed.
/// Control characters separate words: SQLite reads the query as a C string, so a NUL inside a quoted term would end
/// the query there and leave the string unterminated. A word of letters is searched by its stem as a prefix
/// ("exporting" becomes <c>"export"*</c>), so it finds the other forms of the word too: "export", "exported", "exports".
/// </summary>
public static class FeedbackSearchQuery
{
    /// <summary>The query, or null when nothing searchable is left.</summary>
    public static string? ToFts(string? words)
    {
        if (string.IsNullOrWhiteSpace(words))
        {
            return null;
        }

        var terms = string.Create(words.Length, words, static (span, text) =>
            {
                for (var i = 0; i < text.Length; i++)
                {
                    span[i] = char.IsControl(text[i]) ? ' ' : text[i];
                }
            })
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(t => t.Any(char.IsLetterOrDigit))
            .Select(Term)
            .ToList();
        return terms.Count == 0 ? null : string.Join(' ', terms);
    }

    private static string Term(string word)
    {
        var lower = word.ToLowerInvariant();
        if (lower.Length > 3 && lower.All(char.IsLetter))
        {
            return "\"" + Digests.LightStemmer.Stem(lower) + "\"*";
        }

        return "\"" + word.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>The words as the reply repeats them: defused (no pings, no links) and short.</summary>
    public static string Describe(string words) =>
        string.Concat("“", SlackText.Excerpt(SlackText.Defuse(words.Trim()), 100), "”");
}
