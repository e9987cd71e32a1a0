using System.Net;
using System.Text.RegularExpressions;

namespace SlackFeedbackBot.Digests;

/// <summary>
/// Makes text safe to show inside Slack mrkdwn. Quoted feedback keeps its words but loses its power: a quoted
/// <c>&lt;@U123&gt;</c> or <c>&lt;!channel&gt;</c> must not ping anyone when the digest is posted.
/// </summary>
public static partial class SlackQuote
{
    [GeneratedRegex(@"<((?:https?|mailto):[^<>|]*)(?:\|([^<>]*))?>")]
    private static partial Regex Link();

    [GeneratedRegex(@"<@([A-Z0-9]+)(?:\|([^<>]*))?>")]
    private static partial Regex UserMention();

    [GeneratedRegex(@"<#([A-Z0-9]+)(?:\|([^<>]*))?>")]
    private static partial Regex ChannelMention();

    [GeneratedRegex(@"<!(?:subteam\^[A-Z0-9]+\|)?([^<>|]*)(?:\|([^<>]*))?>")]
    private static partial Regex Special();

    /// <summary>Slack markup replaced by what a reader sees, then escaped for mrkdwn.</summary>
    public static string Defuse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var readable = Link().Replace(text, match => match.Groups[2].Success ? match.Groups[2].Value : match.Groups[1].Value);
        readable = UserMention().Replace(readable, match => "@" + (match.Groups[2].Success ? match.Groups[2].Value : "someone"));
        readable = ChannelMention().Replace(readable, match => "#" + (match.Groups[2].Success ? match.Groups[2].Value : "channel"));
        readable = Special().Replace(readable, match => "@" + (match.Groups[2].Success ? match.Groups[2].Value : match.Groups[1].Value).TrimStart('@'));
        return Escape(WebUtility.HtmlDecode(readable));
    }

    /// <summary>Slack's three control characters; everything else in mrkdwn is safe as is.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    // Slack permalinks are short; a longer address is more likely junk than a link worth a tenth of a section.
    private const int MaxUrl = 1000;

    /// <summary>A mrkdwn link, or only the label when the address could break the markup.</summary>
    public static string LinkOrLabel(string? url, string label)
    {
        var safe = url is not null
            && url.Length <= MaxUrl
            && (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            && !url.Any(ch => ch is '<' or '>' or '|' || char.IsWhiteSpace(ch));
        return safe ? $"<{url}|{Escape(label)}>" : Escape(label);
    }
}
