using System.Text.RegularExpressions;

namespace SlackFeedbackBot.Tests.Support;

/// <summary>
/// The examples the README gives, read from the file itself, so a test that follows them breaks when the README drifts
/// from what the bot does.
/// </summary>
public static partial class ReadmeExamples
{
    private const string CliPrefix = "dotnet run --project src/SlackFeedbackBot -- ";

    public static string Text => File.ReadAllText(Repository.File("README.md"));

    /// <summary>Every command line shown as <c>dotnet run --project src/SlackFeedbackBot -- …</c>, as the arguments after <c>--</c>, comments cut off.</summary>
    public static IReadOnlyList<string> Cli() =>
        Text.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith(CliPrefix, StringComparison.Ordinal))
            .Select(line => WithoutComment(line[CliPrefix.Length..]))
            .ToList();

    /// <summary>Every slash command the README shows in a code span or block (<c>/feedback list</c>), comments cut off.</summary>
    public static IReadOnlyList<string> SlashCommands(string command) =>
        SlashCommand().Matches(Text)
            .Select(match => WithoutComment(match.Groups["line"].Value))
            .Where(line => line.StartsWith(command + " ", StringComparison.Ordinal) || line == command)
            .Distinct()
            .ToList();

    /// <summary>The one slash command of the README that starts with <paramref name="start"/>.</summary>
    public static string SlashCommand(string start) =>
        SlashCommands(start.Split(' ')[0]).FirstOrDefault(line => line.StartsWith(start, StringComparison.Ordinal))
        ?? throw new AssertionException($"The README shows no example that starts with `{start}`.");

    /// <summary>The text of the README's <c>## title</c> section, up to the next heading of that level.</summary>
    public static string SectionText(string title)
    {
        var text = Text;
        var start = text.IndexOf("\n## " + title + "\n", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new AssertionException($"The README has no section \"## {title}\".");
        }

        var end = text.IndexOf("\n## ", start + title.Length + 4, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }

    private static string WithoutComment(string line)
    {
        var comment = line.IndexOf(" #", StringComparison.Ordinal);
        while (comment >= 0 && comment + 2 < line.Length && line[comment + 2] != ' ')
        {
            comment = line.IndexOf(" #", comment + 2, StringComparison.Ordinal); // "#general" is a channel, "# text" a comment
        }
        return (comment < 0 ? line : line[..comment]).Trim();
    }

    [GeneratedRegex(@"(?:`|^\s*)(?<line>/(?:feedback|support)\b[^`\n]*)", RegexOptions.Multiline)]
    private static partial Regex SlashCommand();
}
