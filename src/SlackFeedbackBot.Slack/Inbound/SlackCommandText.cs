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
        => SlackMarkup.Rewrite(text, static (typed, span, token) => typed.Append(Typed(span, token)));

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
