using System.Text.RegularExpressions;

namespace SlackFeedbackBot.Slack.Inbound;

/// <summary>
/// A slash command's text turned back into what the person typed. Slack sends &amp;, &lt; and &gt; as entities, and
/// for a command with escaping on it sends @name as &lt;@U123|name&gt;, #channel as &lt;#C123|name&gt;, @here as
/// &lt;!here&gt;, a user group as &lt;!subteam^S123|@handle&gt; and a URL as &lt;https://...&gt;. Markup without a
/// name to show (&lt;@U123&gt;) is kept, so nobody's mention is lost.
/// </summary>
public static partial class SlackCommandText
{
    public static string AsTyped(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var typed = Markup().Replace(text, match =>
        {
            var label = match.Groups["label"];
            if (match.Groups["url"].Success)
            {
                var url = match.Groups["url"].Value;
                return url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? (label.Success ? label.Value : url["mailto:".Length..]) : url;
            }

            if (match.Groups["special"].Success) return "@" + match.Groups["special"].Value;
            if (!label.Success || label.Value.Length == 0) return match.Value;
            return match.Groups["kind"].Value switch
            {
                "@" => "@" + label.Value,
                "#" => "#" + label.Value,
                _ => label.Value.StartsWith('@') ? label.Value : "@" + label.Value,
            };
        });

        // &amp; last, so a typed "&lt;" (sent as &amp;lt;) stays "&lt;".
        return typed.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<(?:(?<url>(?:https?|mailto):[^<>|]*)|!(?<special>here|channel|everyone)|(?<kind>[@#])[A-Z0-9]+|!subteam\^[A-Z0-9]+)(?:\|(?<label>[^<>]*))?>", RegexOptions.CultureInvariant)]
    private static partial Regex Markup();
}
