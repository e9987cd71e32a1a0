using System.Text;
using SlackFeedbackBot.Slack.Text;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// Turns what a person typed into a safe full-text query for the database's dialect: every word becomes a quoted term,
/// so query syntax such as <c>"</c>, <c>*</c>, <c>-</c>, <c>'</c>, <c>&amp;</c> or <c>NEAR</c> is searched for, never parsed.
/// Control characters separate words: SQLite reads the query as a C string, so a NUL inside a quoted term would end
/// the query there and leave the string unterminated (PostgreSQL refuses a NUL outright); so does half a surrogate
/// pair, which is no UTF-8 at all. A word of letters is searched
/// by its stem as a prefix ("exporting" becomes <c>"export"*</c>), so it finds the other forms of the word too:
/// "export", "exported", "exports".
/// </summary>
public static class FeedbackSearchQuery
{
    /// <summary>The FTS5 (SQLite) query, or null when nothing searchable is left.</summary>
    public static string? ToFts(string? words) => For(words, SqlDialect.Sqlite);

    /// <summary>The query in <paramref name="dialect"/>'s form, or null when nothing searchable is left.</summary>
    public static string? For(string? words, SqlDialect dialect) => dialect.FullTextQuery(Terms(words));

    /// <summary>The words as terms: stems of words of letters as prefixes, other words as written.</summary>
    public static IReadOnlyList<FullTextTerm> Terms(string? words)
    {
        if (string.IsNullOrWhiteSpace(words))
        {
            return [];
        }

        return string.Create(words.Length, words, static (span, text) =>
            {
                for (var i = 0; i < text.Length; i++)
                {
                    span[i] = char.IsControl(text[i]) || IsLoneSurrogate(text, i) ? ' ' : text[i];
                }
            })
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(t => t.Any(char.IsLetterOrDigit))
            .Select(Term)
            .ToList();
    }

    private static bool IsLoneSurrogate(string text, int i) =>
        char.IsHighSurrogate(text[i]) ? i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])
        : char.IsLowSurrogate(text[i]) && (i == 0 || !char.IsHighSurrogate(text[i - 1]));

    private static FullTextTerm Term(string word)
    {
        var lower = word.ToLowerInvariant();
        return lower.Length > 3 && lower.All(char.IsLetter)
            ? new FullTextTerm(Digests.LightStemmer.Stem(lower), IsPrefix: true)
            : new FullTextTerm(word, IsPrefix: false);
    }

    /// <summary>The words as the reply repeats them: defused (no pings, no links) and short.</summary>
    public static string Describe(string words) =>
        string.Concat("“", SlackText.Excerpt(SlackText.Defuse(words.Trim()), 100), "”");
}
