using System.Text;

namespace SlackFeedbackBot.Slack.Text;

/// <summary>
/// Everything the bot does to text people wrote before it repeats it in Slack: defuse it (no mass ping, no
/// disguised link), escape it, cut it to a limit, quote it, and make links only from addresses that are safe.
/// Input is Slack text (markup and entities, as in message events) or text as typed; both read the same.
/// </summary>
public static class SlackText
{
    public const string Ellipsis = "…";

    // Slack permalinks are short; a longer address is more likely junk than a link worth a tenth of a section.
    public const int MaxLinkUrl = 1000;

    /// <summary>Slack's three control characters; everything else in mrkdwn is safe as is.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
    }

    /// <summary>
    /// Text made safe to repeat in mrkdwn, showing what a reader of the original saw: @here, @channel, @everyone and
    /// user groups become plain words that ping nobody, a person named without a name becomes "@someone", a link shows
    /// its address (and its label, when it had a different one), and every other &lt;, &gt; and &amp; is escaped.
    /// </summary>
    public static string Defuse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Escape(Readable(text));
    }

    /// <summary>What a reader sees, unescaped: markup replaced as in <see cref="Defuse"/> and entities decoded. Not for posting.</summary>
    public static string Readable(string text)
        => SlackMarkup.Rewrite(text, AppendReadable);

    /// <summary>The words a person wrote, without any markup: link labels kept; mentions, channels, bare links and specials dropped.</summary>
    public static string WithoutMarkup(string text)
        => SlackMarkup.Rewrite(text, static (words, span, token) =>
        {
            words.Append(' ');
            if (token.Kind == SlackMarkupKind.Link && token.HasLabel)
            {
                words.Append(SlackMarkup.Decode(token.Label(span))).Append(' ');
            }
        });

    /// <summary>
    /// At most <paramref name="max"/> characters, ending in an ellipsis when cut. The cut never falls inside a
    /// surrogate pair, an entity (&amp;amp;) or a markup token (&lt;https://x|label&gt;): those are kept whole or left out.
    /// </summary>
    public static string Truncate(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
        {
            return text;
        }

        var keep = SlackMarkup.SafeCut(text, Math.Max(0, max - Ellipsis.Length));
        return string.Concat(text.AsSpan(0, keep).TrimEnd(), Ellipsis);
    }

    /// <summary>Whitespace collapsed to single spaces, then cut at a word boundary (when one is near) to <paramref name="max"/>.</summary>
    public static string Excerpt(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        max = Math.Max(max, 2);
        var collapsed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (collapsed.Length <= max)
        {
            return collapsed;
        }

        var cut = SlackMarkup.SafeCut(collapsed, max - Ellipsis.Length);
        var lastSpace = collapsed.LastIndexOf(' ', Math.Max(0, cut - 1));
        if (lastSpace > max / 2 && lastSpace < cut)
        {
            cut = lastSpace;
        }

        return string.Concat(collapsed.AsSpan(0, cut).TrimEnd(), Ellipsis);
    }

    /// <summary>A Slack block quote: every line starts with "&gt; ".</summary>
    public static string Quote(string mrkdwn)
    {
        ArgumentNullException.ThrowIfNull(mrkdwn);
        return string.Join('\n', mrkdwn.Split('\n').Select(line => "> " + line));
    }

    /// <summary>What people wrote, defused, cut to <paramref name="max"/> and block-quoted: the usual way to repeat it.</summary>
    public static string QuoteDefused(string text, int max) => Quote(Truncate(Defuse(text), max));

    /// <summary>True for an absolute http or https address Slack can link without breaking the markup.</summary>
    public static bool IsWebUrl(string? url) =>
        url is not null
        && url.Length <= MaxLinkUrl
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Host.Length > 0
        && !url.Any(ch => ch is '<' or '>' or '|' || char.IsWhiteSpace(ch) || char.IsControl(ch));

    /// <summary>A mrkdwn link to <paramref name="url"/> labelled <paramref name="label"/>, or only the label when the address is not a safe web address.</summary>
    public static string Link(string? url, string label) =>
        IsWebUrl(url) ? $"<{url!.Replace("&", "&amp;", StringComparison.Ordinal)}|{Escape(label)}>" : Escape(label);

    /// <summary>True when <paramref name="text"/> mentions the user <paramref name="userId"/> (&lt;@U1&gt; or &lt;@U1|name&gt;).</summary>
    public static bool Mentions(string? text, string userId) => text is not null && FindMention(text, userId) is not null;

    /// <summary>The text without the mention of <paramref name="userId"/> it starts with (and the punctuation after it); other text trimmed.</summary>
    public static string WithoutLeadingMention(string? text, string userId)
    {
        var trimmed = (text ?? "").TrimStart();
        return FindMention(trimmed, userId) is { Start: 0 } mention
            ? trimmed[mention.End..].TrimStart(' ', ',', ':', '\u00a0').Trim()
            : trimmed.Trim();
    }

    private static SlackMarkupToken? FindMention(string text, string userId)
    {
        var span = text.AsSpan();
        foreach (var token in SlackMarkup.Tokens(text))
        {
            if (token.Kind == SlackMarkupKind.User && token.Target(span).SequenceEqual(userId))
            {
                return token;
            }
        }

        return null;
    }

    private static void AppendReadable(StringBuilder readable, ReadOnlySpan<char> text, SlackMarkupToken token)
    {
        var target = SlackMarkup.Decode(token.Target(text));
        var label = token.HasLabel ? SlackMarkup.Decode(token.Label(text)).Trim() : "";
        switch (token.Kind)
        {
            case SlackMarkupKind.Link:
                var shown = target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? target["mailto:".Length..] : target;
                readable.Append(shown);
                // A label that says something else than the address could disguise where the link goes: show both.
                if (label.Length > 0 && !string.Equals(label, shown, StringComparison.OrdinalIgnoreCase) && !string.Equals(label, target, StringComparison.OrdinalIgnoreCase))
                {
                    readable.Append(" (").Append(label).Append(')');
                }

                break;
            case SlackMarkupKind.User:
                readable.Append('@').Append(label.Length > 0 ? label.TrimStart('@') : "someone");
                break;
            case SlackMarkupKind.Channel:
                readable.Append('#').Append(label.Length > 0 ? label.TrimStart('#') : "channel");
                break;
            case SlackMarkupKind.Broadcast:
                readable.Append('@').Append(target);
                break;
            case SlackMarkupKind.UserGroup:
                readable.Append('@').Append(label.Length > 0 ? label.TrimStart('@') : "group");
                break;
            default:
                readable.Append(label.Length > 0 ? label : target);
                break;
        }
    }
}
