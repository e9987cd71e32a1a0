using SlackFeedbackBot.Commands;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// One <c>/feedback NAME ...</c> subcommand. Its parse rule must leave customer sentences alone: text it does not
/// take is saved as feedback, so "Show me how to export" is feedback while <c>show 12</c> is the subcommand.
/// </summary>
public interface IFeedbackSubcommand : ISubcommand;

/// <summary>Reads item numbers as people type them: 12, #12.</summary>
public static class ItemNumber
{
    public static bool TryParse(string? text, out long id) =>
        long.TryParse(text?.TrimStart('#'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id) && id > 0;

    /// <summary>Splits "12 rest of it" into the number and the rest.</summary>
    public static bool TrySplit(string arguments, out long id, out string rest)
    {
        var (first, after) = CommandWords.SplitFirst(arguments);
        rest = after;
        return TryParse(first, out id);
    }
}

/// <summary>
/// The arguments of a subcommand about one item (<c>N rest</c>). The name alone, or with one word, is still taken
/// (it reads as a command that lacks its number, and the handler says what to write); a sentence is not.
/// </summary>
public sealed record ItemArguments(long? Id, string Rest)
{
    public static ItemArguments? Parse(string arguments)
    {
        if (ItemNumber.TrySplit(arguments, out var id, out var rest))
        {
            return new ItemArguments(id, rest);
        }

        return CommandWords.Count(arguments) <= 1 ? new ItemArguments(null, arguments.Trim()) : null;
    }
}
