using System.Text;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// Turns what a person typed into a safe FTS5 query: every word becomes a quoted string (inner quotes doubled),
/// so FTS5 syntax characters such as <c>"</c>, <c>*</c>, <c>-</c> or <c>NEAR</c> are searched for, never parsed.
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

        var terms = words.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(t => t.Any(char.IsLetterOrDigit))
            .Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")
            .ToList();
        return terms.Count == 0 ? null : string.Join(' ', terms);
    }

    public static string Describe(string words) => new StringBuilder().Append('“').Append(words.Trim()).Append('”').ToString();
}
