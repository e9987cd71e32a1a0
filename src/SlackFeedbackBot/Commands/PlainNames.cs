using System.Text;
using System.Text.RegularExpressions;
using SlackFeedbackBot.Slack.Directory;

namespace SlackFeedbackBot.Commands;

/// <summary>Command text with its plain names escaped, or the names nobody in the workspace has.</summary>
public sealed record PlainNamesResult(string Text, IReadOnlyList<string> UnknownChannels, IReadOnlyList<string> UnknownPeople)
{
    public bool AllFound => UnknownChannels.Count == 0 && UnknownPeople.Count == 0;

    /// <summary>One sentence naming what was not found and how to fix it.</summary>
    public string Problem()
    {
        var parts = new List<string>();
        if (UnknownChannels.Count > 0)
        {
            parts.Add($"I can't find a channel called {string.Join(", ", UnknownChannels.Select(c => $"`#{c}`"))}: check the spelling, or pick it from Slack's suggestions as you type #");
        }

        if (UnknownPeople.Count > 0)
        {
            parts.Add($"I can't find anyone called {string.Join(", ", UnknownPeople.Select(p => $"`@{p}`"))}: use their Slack name, or pick them from the suggestions as you type @");
        }

        return string.Join(". ", parts) + ". Nothing was changed.";
    }
}

/// <summary>
/// Lets commands take <c>#general</c> and <c>@ana</c> typed as plain text, as well as the escaped forms Slack sends when
/// a name is picked from its suggestions (<c>&lt;#C123|general&gt;</c>, <c>&lt;@U123&gt;</c>): plain names are looked up in
/// the workspace and rewritten to the escaped form, so the command's own parser sees one form only.
/// </summary>
public sealed partial class PlainNames(WorkspaceDirectory directory)
{
    public async Task<PlainNamesResult> EscapeAsync(string text, CancellationToken ct)
    {
        var unknownChannels = new List<string>();
        var unknownPeople = new List<string>();
        var result = new StringBuilder();
        var at = 0;
        foreach (Match match in PlainName().Matches(text))
        {
            result.Append(text, at, match.Index - at);
            at = match.Index + match.Length;
            var name = match.Groups["name"].Value;
            if (match.Groups["sigil"].Value == "#")
            {
                if (await directory.FindChannelAsync(name, ct) is { } channel)
                {
                    result.Append($"<#{channel.Id}|{channel.Name}>");
                    continue;
                }

                unknownChannels.Add(name);
            }
            else
            {
                if (await directory.FindPersonAsync(name, ct) is { } person)
                {
                    result.Append($"<@{person.Id}>");
                    continue;
                }

                unknownPeople.Add(name);
            }

            result.Append(match.Value);
        }

        result.Append(text, at, text.Length - at);
        return new PlainNamesResult(result.ToString(), unknownChannels, unknownPeople);
    }

    // A # or @ at the start, after a space, '=' or ',' (so "a@b.com" is no name), not inside Slack's own <…> tokens.
    [GeneratedRegex(@"(?<=^|[\s=,])(?<sigil>[#@])(?<name>[\p{L}\p{N}][\p{L}\p{N}._\-']*)")]
    private static partial Regex PlainName();
}
