using System.Text;
using SlackFeedbackBot.Digests;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Commands;

/// <summary>A subcommand chosen for a text, with its arguments already read.</summary>
public sealed record SubcommandRoute(ISubcommand Subcommand, SubcommandRun Run);

/// <summary>
/// Routes a slash command's text to the subcommand whose name (or alias) is its first word, but only when that
/// subcommand takes the rest as its arguments. Text no subcommand takes is left to the command's own policy:
/// /feedback keeps it as feedback, /support answers with <see cref="NotUnderstood"/>.
/// </summary>
public sealed class SubcommandRouter
{
    private const int EchoLength = 1500;

    private readonly Dictionary<string, ISubcommand> _byWord = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ISubcommand> _byHint = new(StringComparer.OrdinalIgnoreCase);

    public SubcommandRouter(string command, IEnumerable<ISubcommand> subcommands)
    {
        Command = command;
        Subcommands = subcommands.ToList();
        foreach (var subcommand in Subcommands)
        {
            foreach (var word in subcommand.Aliases.Prepend(subcommand.Name))
            {
                if (!_byWord.TryAdd(word, subcommand))
                {
                    throw new InvalidOperationException($"`{command} {word}` names both {_byWord[word].GetType().Name} and {subcommand.GetType().Name}.");
                }
            }

            foreach (var hint in subcommand.Hints)
            {
                _byHint.TryAdd(hint, subcommand);
            }
        }
    }

    public string Command { get; }

    public IReadOnlyList<ISubcommand> Subcommands { get; }

    /// <summary>The subcommand that takes this text, or null when none does.</summary>
    public SubcommandRoute? Route(string text)
    {
        var (word, rest) = CommandWords.SplitFirst(text);
        return _byWord.TryGetValue(word, out var subcommand) && subcommand.Bind(rest) is { } run
            ? new SubcommandRoute(subcommand, run)
            : null;
    }

    /// <summary>
    /// The subcommand a word most likely meant: the one it names, else one it is a hint for ("done": handoff), else
    /// one it starts, else one a slip of the keys away.
    /// </summary>
    public ISubcommand? Closest(string word)
    {
        if (word.Length == 0)
        {
            return null;
        }

        if (_byWord.TryGetValue(word, out var named) || _byHint.TryGetValue(word, out named))
        {
            return named;
        }

        var words = _byWord.Where(w => w.Key.Any(char.IsLetter)).ToList();
        if (word.Length >= 2 && words.FirstOrDefault(w => w.Key.StartsWith(word, StringComparison.OrdinalIgnoreCase)).Value is { } started)
        {
            return started;
        }

        var allowed = word.Length <= 4 ? 1 : 2;
        return words
            .Select(w => (w.Value, Distance: EditDistance.Between(word.ToLowerInvariant(), w.Key.ToLowerInvariant())))
            .Where(c => c.Distance <= allowed)
            .OrderBy(c => c.Distance)
            .Select(c => c.Value)
            .FirstOrDefault();
    }

    /// <summary>
    /// The friendly answer to text no subcommand takes: the closest subcommand and its usage (or every usage when
    /// nothing is close), and the text as typed so it can be fixed and sent again.
    /// </summary>
    public SlackMessage NotUnderstood(string text, string? footer = null)
    {
        var typed = text.Trim();
        var (word, rest) = CommandWords.SplitFirst(typed);
        return NotUnderstood(typed, word, rest, Closest(word), footer);
    }

    /// <summary>
    /// The answer to a first word that is a slip of the keys away from a subcommand ("lsit 7") whose arguments the
    /// rest fits, or null when it is not: text like that was meant as the command, not as anything else.
    /// </summary>
    public SlackMessage? Misspelt(string text, string? footer = null)
    {
        var typed = text.Trim();
        var (word, rest) = CommandWords.SplitFirst(typed);
        return !_byWord.ContainsKey(word) && word.Length >= 3 && Closest(word) is { } closest
            && !closest.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase) && closest.Bind(rest) is not null
            ? NotUnderstood(typed, word, rest, closest, footer)
            : null;
    }

    /// <summary>The typed text, to fix and send again: the last lines of every refusal of a command.</summary>
    public static string TypedBack(string command, string typed) =>
        $"{TypedBackOpening}\n```{command} {Echo(typed.Trim())}```";

    /// <summary>
    /// A subcommand's answer as the person gets it: a refusal (<see cref="SlackMessage.IsRefusal"/>) ends with what
    /// they typed, defused, so it can be fixed and sent again; any other answer as it is.
    /// </summary>
    public static SlackMessage? WithTypedBack(SlackMessage? reply, string command, string typed) =>
        reply is { IsRefusal: true } refusal && !refusal.Text.Contains(TypedBackOpening, StringComparison.Ordinal)
            ? refusal with { Text = refusal.Text + "\n" + TypedBack(command, typed) }
            : reply;

    private const string TypedBackOpening = "Here is what you wrote, to fix and send again:";

    private SlackMessage NotUnderstood(string typed, string word, string rest, ISubcommand? closest, string? footer)
    {
        var answer = new StringBuilder();
        if (closest is not null && _byWord.ContainsKey(word))
        {
            answer.Append($"`{Command} {closest.Name}` {(rest.Length == 0 ? "needs more than that" : "doesn't take that")}. It works like this:\n{closest.Usage}");
        }
        else if (closest is not null)
        {
            answer.Append($"I don't know `{Command} {SlackText.Defuse(word)}`. Did you mean `{closest.Name}`?\n{closest.Usage}");
        }
        else
        {
            answer.Append($"I don't know `{Command} {SlackText.Defuse(word)}`. Commands:\n");
            answer.Append(string.Join("\n", Subcommands.Select(s => "• " + s.Usage)));
        }

        if (footer is not null)
        {
            answer.Append('\n').Append(footer);
        }

        answer.Append('\n').Append(TypedBack(Command, typed));
        return SlackMessage.Ephemeral(answer.ToString());
    }

    /// <summary>
    /// What the person typed, as they saw it (links and mentions as typed, nothing that pings); a backtick becomes
    /// its look-alike so the text cannot close the code block it is shown in.
    /// </summary>
    private static string Echo(string typed) =>
        SlackText.Truncate(SlackText.Defuse(typed), EchoLength).Replace('`', '\u02cb');
}

/// <summary>How many single-letter edits (insert, delete, change, swap two neighbours) turn one word into another.</summary>
public static class EditDistance
{
    public static int Between(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

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
