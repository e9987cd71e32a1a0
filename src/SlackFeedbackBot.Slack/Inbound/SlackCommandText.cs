using System.Text;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Slack.Inbound;

/// <summary>
/// A slash command's text turned back into what the person typed. Slack sends &amp;, &lt; and &gt; as entities, and
/// for a command with escaping on it sends @name as &lt;@U123|name&gt;, #channel as &lt;#C123|name&gt;, @here as
/// &lt;!here&gt;, a user group as &lt;!subteam^S123|@handle&gt; and a URL as &lt;https://...&gt;. Markup without a
/// name to show (&lt;@U123&gt;) is kept, so nobody's mention is lost.
/// </summary>
public static class SlackCommandText
{
    public static string AsTyped(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan();
        var typed = new StringBuilder(text.Length);
        for (var at = 0; at < span.Length; at++)
        {
            if (span[at] == '<' && SlackMarkup.TryRead(span, at, out var token))
            {
                typed.Append(Typed(span, token));
                at = token.End - 1;
            }
            else if (span[at] == '&' && SlackMarkup.EntityLength(span, at, out var decoded) is > 0 and var length)
            {
                // Decoded once, left to right, so a typed "&lt;" (sent as &amp;lt;) stays "&lt;".
                typed.Append(decoded);
                at += length - 1;
            }
            else
            {
                typed.Append(span[at]);
            }
        }

        return typed.ToString();
    }

    private static string Typed(ReadOnlySpan<char> text, SlackMarkupToken token)
    {
        var target = SlackMarkup.Decode(token.Target(text));
        var label = SlackMarkup.Decode(token.Label(text));
        switch (token.Kind)
        {
            case SlackMarkupKind.Link:
                return target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? (token.HasLabel ? label : target["mailto:".Length..]) : target;
            case SlackMarkupKind.Broadcast when target is "here" or "channel" or "everyone":
                return "@" + target;
            case SlackMarkupKind.User when token.HasLabel:
                return "@" + label;
            case SlackMarkupKind.Channel when token.HasLabel:
                return "#" + label;
            case SlackMarkupKind.UserGroup when token.HasLabel:
                return label.StartsWith('@') ? label : "@" + label;
            default:
                return text.Slice(token.Start, token.Length).ToString();
        }
    }
}
