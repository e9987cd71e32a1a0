using System.CommandLine;

namespace SlackFeedbackBot.Cli;

/// <summary>A first argument that is neither an option nor a command: answered with the closest command, exit code 2.</summary>
public sealed record UnknownCommand(string Word, string? Closest)
{
    public const int ExitCode = 2;

    public static UnknownCommand? Find(ParseResult result, Command root)
    {
        if (result.UnmatchedTokens.Count == 0 || result.UnmatchedTokens[0] is not { } first || first.StartsWith('-'))
        {
            return null;
        }

        var names = root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
        return new UnknownCommand(first, ClosestName.Among(first, names));
    }

    public int Report(TextWriter error)
    {
        var hint = Closest is null ? "" : $" Did you mean {Closest}?";
        error.WriteLine($"Unknown command '{Word}'.{hint} Run with --help for the list of commands; with no command the bot runs.");
        return ExitCode;
    }
}

/// <summary>The name a typo most likely meant: the smallest edit distance, if it is small for the word's length.</summary>
public static class ClosestName
{
    public static string? Among(string typed, IEnumerable<string> names)
    {
        var word = typed.ToLowerInvariant();
        var best = names
            .Select(name => (Name: name, Distance: Commands.EditDistance.Between(word, name.ToLowerInvariant())))
            .OrderBy(candidate => candidate.Distance)
            .FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(1, word.Length / 3) ? best.Name : null;
    }
}
