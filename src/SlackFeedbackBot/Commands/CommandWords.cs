namespace SlackFeedbackBot.Commands;

/// <summary>Small readings of command text shared by the parse rules of subcommands.</summary>
public static class CommandWords
{
    private static readonly char[] Whitespace = [' ', '\t', '\n', '\r', '\u00a0'];

    /// <summary>The first word and everything after it, as typed (only the space between them is dropped).</summary>
    public static (string Word, string After) SplitFirst(string text)
    {
        var trimmed = text.Trim();
        var at = trimmed.IndexOfAny(Whitespace);
        return at < 0 ? (trimmed, "") : (trimmed[..at], trimmed[(at + 1)..].Trim());
    }

    public static string[] Split(string text) => text.Split(Whitespace, StringSplitOptions.RemoveEmptyEntries);

    public static int Count(string text) => Split(text).Length;
}
