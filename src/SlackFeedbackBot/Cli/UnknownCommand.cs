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
            .Select(name => (Name: name, Distance: Distance(word, name.ToLowerInvariant())))
            .OrderBy(candidate => candidate.Distance)
            .FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(1, word.Length / 3) ? best.Name : null;
    }

    /// <summary>Optimal string alignment distance: a swapped pair of letters ("shwo") counts as one edit.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
