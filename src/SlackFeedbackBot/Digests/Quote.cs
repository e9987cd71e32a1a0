namespace SlackFeedbackBot.Digests;

internal static class Quote
{
    /// <summary>Collapses whitespace and cuts at a word boundary, marking the cut with an ellipsis.</summary>
    public static string Trim(string text, int maxLength)
    {
        maxLength = Math.Max(maxLength, 2);
        var collapsed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (collapsed.Length <= maxLength)
        {
            return collapsed;
        }
        var cut = collapsed[..(maxLength - 1)];
        var lastSpace = cut.LastIndexOf(' ');
        if (lastSpace > maxLength / 2)
        {
            cut = cut[..lastSpace];
        }
        return cut.TrimEnd() + "…";
    }
}
