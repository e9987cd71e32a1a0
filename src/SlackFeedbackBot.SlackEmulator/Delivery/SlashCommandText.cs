using System.Text;
using System.Text.RegularExpressions;
using SlackFeedbackBot.Emulator.Workspace;

namespace SlackFeedbackBot.Emulator.Delivery;

/// <summary>
/// The text field of a slash command as Slack sends it. Slack always writes &amp;, &lt; and &gt; as entities (they are
/// its control characters). When the command has "Escape channels, users, and links sent to your app" on
/// (should_escape), it also turns what the person wrote into markup: @name into &lt;@U123|name&gt;, #channel into
/// &lt;#C123|name&gt;, @here/@channel/@everyone into &lt;!here&gt;..., a user group into &lt;!subteam^S123|@handle&gt;
/// and a URL into &lt;https://...&gt;. Names that match nobody stay as typed.
/// </summary>
public static partial class SlashCommandText
{
    public static string AsSent(string typed, bool escape, SlackWorkspace workspace)
    {
        if (!escape) return Entities(typed);
        var sent = new StringBuilder(typed.Length + 16);
        var at = 0;
        foreach (Match match in Markup().Matches(typed))
        {
            sent.Append(Entities(typed[at..match.Index]));
            sent.Append(Escaped(match, workspace) ?? Entities(match.Value));
            at = match.Index + match.Length;
        }
        sent.Append(Entities(typed[at..]));
        return sent.ToString();
    }

    private static string? Escaped(Match match, SlackWorkspace workspace)
    {
        if (match.Groups["url"].Success) return $"<{Entities(match.Value)}>";
        if (match.Groups["channel"].Success)
        {
            var name = match.Groups["channel"].Value;
            return workspace.FindChannelByName(name) is { IsIm: false } channel ? $"<#{channel.Id}|{channel.Name}>" : null;
        }
        var handle = match.Groups["user"].Value;
        if (handle is "here" or "channel" or "everyone") return $"<!{handle}>";
        if (workspace.Users.FirstOrDefault(u => !u.IsBot && string.Equals(u.Name, handle, StringComparison.OrdinalIgnoreCase)) is { } user)
            return $"<@{user.Id}|{user.Name}>";
        if (workspace.UserGroups.FirstOrDefault(g => string.Equals(g.Handle, handle, StringComparison.OrdinalIgnoreCase)) is { } group)
            return $"<!subteam^{group.Id}|@{group.Handle}>";
        return null;
    }

    private static string Entities(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    // A mention or channel starts a word (so an email address is not a mention); its name does not end in the
    // punctuation that may follow it ("@ana,").
    [GeneratedRegex(@"(?<url>\bhttps?://[^\s<>]+[^\s<>.,;:!?)])|(?<![\w.@#/&-])@(?<user>[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?)|(?<![\w.@#/&-])#(?<channel>[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Markup();
}
