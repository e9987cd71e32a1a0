using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Commands;

/// <summary>What runs a subcommand once its arguments have been read.</summary>
public delegate Task<SlackMessage?> SubcommandRun(SlashCommand command, CancellationToken ct);

/// <summary>
/// One subcommand of a slash command, as the <see cref="SubcommandRouter"/> sees it: the words that name it, a usage
/// line for help and suggestions, and whether a given argument text is its form.
/// </summary>
public interface ISubcommand
{
    string Name { get; }

    IReadOnlyList<string> Aliases { get; }

    string Usage { get; }

    /// <summary>
    /// Words people use for this subcommand that do not run it ("done" for handoff): a text starting with one is
    /// answered with this subcommand's usage, never run as it.
    /// </summary>
    IReadOnlyList<string> Hints => [];

    /// <summary>The run for these arguments, or null when they are not this subcommand's form ("not mine").</summary>
    SubcommandRun? Bind(string arguments);
}

/// <summary>
/// A subcommand whose arguments are read once, by <see cref="TryParse"/>, into <typeparamref name="TArguments"/>;
/// the handler only ever sees arguments that fit.
/// </summary>
public abstract class Subcommand<TArguments> : ISubcommand
    where TArguments : class
{
    public abstract string Name { get; }

    public virtual IReadOnlyList<string> Aliases => [];

    public abstract string Usage { get; }

    public virtual IReadOnlyList<string> Hints => [];

    /// <summary>The arguments read from the text after the name, or null when the text is not this subcommand's form.</summary>
    public abstract TArguments? TryParse(string arguments);

    public abstract Task<SlackMessage?> RunAsync(SlashCommand command, TArguments arguments, CancellationToken ct);

    public SubcommandRun? Bind(string arguments) =>
        TryParse(arguments) is { } parsed ? (command, ct) => RunAsync(command, parsed, ct) : null;
}

/// <summary>The arguments of a subcommand that takes none.</summary>
public sealed class NoArguments
{
    public static readonly NoArguments Value = new();

    private NoArguments()
    {
    }

    /// <summary><see cref="Value"/> when nothing follows the name, else null.</summary>
    public static NoArguments? From(string arguments) => string.IsNullOrWhiteSpace(arguments) ? Value : null;
}

/// <summary>The argument text as typed (trimmed), for subcommands whose handler reads it itself.</summary>
public sealed record RawArguments(string Text)
{
    public bool IsEmpty => Text.Length == 0;

    public static RawArguments From(string arguments) => new(arguments.Trim());
}
