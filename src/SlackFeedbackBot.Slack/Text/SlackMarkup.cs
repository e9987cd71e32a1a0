using System.Text;

namespace SlackFeedbackBot.Slack.Text;

/// <summary>What a piece of Slack markup between &lt; and &gt; is.</summary>
public enum SlackMarkupKind
{
    /// <summary>&lt;https://x|label&gt;, &lt;mailto:a@b|label&gt; or any other scheme.</summary>
    Link,

    /// <summary>&lt;@U123&gt; or &lt;@U123|name&gt;.</summary>
    User,

    /// <summary>&lt;#C123&gt; or &lt;#C123|name&gt;.</summary>
    Channel,

    /// <summary>&lt;!here&gt;, &lt;!channel&gt;, &lt;!everyone&gt;: pings everyone in the channel or workspace.</summary>
    Broadcast,

    /// <summary>&lt;!subteam^S123|@handle&gt;: pings everyone in a user group.</summary>
    UserGroup,

    /// <summary>&lt;!date^1392734382^{date}|fallback&gt;.</summary>
    Date,

    /// <summary>Any other &lt;!...&gt; command.</summary>
    Special,
}

/// <summary>
/// One token of Slack markup found in a text: where it is, what it is, what it points at and the label it shows.
/// Offsets are into the scanned text, so reading one allocates nothing.
/// </summary>
public readonly record struct SlackMarkupToken(SlackMarkupKind Kind, int Start, int Length, int TargetStart, int TargetLength, int LabelStart, int LabelLength)
{
    public bool HasLabel => LabelLength > 0;

    public int End => Start + Length;

    public ReadOnlySpan<char> Target(ReadOnlySpan<char> text) => text.Slice(TargetStart, TargetLength);

    public ReadOnlySpan<char> Label(ReadOnlySpan<char> text) => text.Slice(LabelStart, LabelLength);
}

/// <summary>
/// The one reader of Slack's message syntax: markup tokens (&lt;...&gt;) and the three entities (&amp;amp;, &amp;lt;,
/// &amp;gt;) Slack writes for its control characters. A '&lt;' that does not open well-formed markup is plain text.
/// </summary>
public static class SlackMarkup
{
    /// <summary>Reads the markup that opens at <paramref name="open"/> (a '&lt;'), or returns false when there is none.</summary>
    public static bool TryRead(ReadOnlySpan<char> text, int open, out SlackMarkupToken token)
    {
        token = default;
        if (open < 0 || open >= text.Length || text[open] != '<')
        {
            return false;
        }

        var rest = text[(open + 1)..];
        var end = rest.IndexOfAny('>', '<', '\n');
        if (end <= 0 || rest[end] != '>')
        {
            return false;
        }

        var content = rest[..end];
        var pipe = content.IndexOf('|');
        var target = pipe < 0 ? content : content[..pipe];
        var contentStart = open + 1;
        var labelStart = pipe < 0 ? contentStart + end : contentStart + pipe + 1;
        var labelLength = pipe < 0 ? 0 : end - pipe - 1;
        SlackMarkupKind kind;
        int targetStart = contentStart, targetLength = target.Length;
        switch (target[0])
        {
            case '@' when IsId(target[1..]):
                kind = SlackMarkupKind.User;
                targetStart++;
                targetLength--;
                break;
            case '#' when IsId(target[1..]):
                kind = SlackMarkupKind.Channel;
                targetStart++;
                targetLength--;
                break;
            case '!':
                var command = target[1..];
                kind = command switch
                {
                    "here" or "channel" or "everyone" or "group" => SlackMarkupKind.Broadcast,
                    _ when command.StartsWith("subteam^", StringComparison.Ordinal) => SlackMarkupKind.UserGroup,
                    _ when command.StartsWith("date^", StringComparison.Ordinal) => SlackMarkupKind.Date,
                    _ when command.Length > 0 => SlackMarkupKind.Special,
                    _ => (SlackMarkupKind)(-1),
                };
                if ((int)kind < 0)
                {
                    return false;
                }

                targetStart++;
                targetLength--;
                break;
            default:
                if (!HasScheme(target))
                {
                    return false;
                }

                kind = SlackMarkupKind.Link;
                break;
        }

        token = new SlackMarkupToken(kind, open, end + 2, targetStart, targetLength, labelStart, labelLength);
        return true;
    }

    /// <summary>Every markup token of <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<SlackMarkupToken> Tokens(string text)
    {
        var tokens = new List<SlackMarkupToken>();
        var span = text.AsSpan();
        for (var at = 0; at < span.Length; at++)
        {
            if (span[at] == '<' && TryRead(span, at, out var token))
            {
                tokens.Add(token);
                at = token.End - 1;
            }
        }

        return tokens;
    }

    /// <summary>Writes what stands in place of one markup token.</summary>
    public delegate void TokenWriter(StringBuilder output, ReadOnlySpan<char> text, SlackMarkupToken token);

    /// <summary>
    /// Slack text read once, left to right: each markup token is written by <paramref name="writeToken"/>, each entity
    /// decoded (once, so a typed "&amp;lt;" stays "&lt;"), every other character kept.
    /// </summary>
    public static string Rewrite(string text, TokenWriter writeToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan();
        var output = new StringBuilder(text.Length);
        for (var at = 0; at < span.Length; at++)
        {
            if (span[at] == '<' && TryRead(span, at, out var token))
            {
                writeToken(output, span, token);
                at = token.End - 1;
            }
            else if (span[at] == '&' && EntityLength(span, at, out var decoded) is > 0 and var length)
            {
                output.Append(decoded);
                at += length - 1;
            }
            else
            {
                output.Append(span[at]);
            }
        }

        return output.ToString();
    }

    /// <summary>The length of the entity at <paramref name="at"/> (an '&amp;') and the character it stands for, or 0.</summary>
    public static int EntityLength(ReadOnlySpan<char> text, int at, out char decoded)
    {
        var rest = text[at..];
        if (rest.StartsWith("&amp;", StringComparison.Ordinal))
        {
            decoded = '&';
            return 5;
        }

        if (rest.StartsWith("&lt;", StringComparison.Ordinal))
        {
            decoded = '<';
            return 4;
        }

        if (rest.StartsWith("&gt;", StringComparison.Ordinal))
        {
            decoded = '>';
            return 4;
        }

        decoded = '\0';
        return 0;
    }

    /// <summary>Where a cut at <paramref name="at"/> falls inside an entity, a markup token or a surrogate pair, the start of it; else <paramref name="at"/>.</summary>
    public static int SafeCut(ReadOnlySpan<char> text, int at)
    {
        if (at <= 0 || at >= text.Length)
        {
            return Math.Clamp(at, 0, text.Length);
        }

        if (char.IsLowSurrogate(text[at]) && char.IsHighSurrogate(text[at - 1]))
        {
            at--;
        }

        // An entity is at most five characters long: look back that far for an '&' whose entity spans the cut.
        for (var back = 1; back <= 4 && at - back >= 0; back++)
        {
            if (text[at - back] == '&' && EntityLength(text, at - back, out _) > back)
            {
                return at - back;
            }
        }

        var open = text[..at].LastIndexOf('<');
        if (open >= 0 && TryRead(text, open, out var token) && token.End > at)
        {
            return open;
        }

        return at;
    }

    /// <summary>The three entities turned back into the characters they stand for, left to right.</summary>
    public static string Decode(ReadOnlySpan<char> text)
    {
        if (!text.Contains('&'))
        {
            return text.ToString();
        }

        var decoded = new StringBuilder(text.Length);
        for (var at = 0; at < text.Length; at++)
        {
            if (text[at] == '&' && EntityLength(text, at, out var c) is > 0 and var length)
            {
                decoded.Append(c);
                at += length - 1;
            }
            else
            {
                decoded.Append(text[at]);
            }
        }

        return decoded.ToString();
    }

    private static bool IsId(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasScheme(ReadOnlySpan<char> target)
    {
        var colon = target.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        foreach (var c in target[..colon])
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return char.IsAsciiLetter(target[0]);
    }
}
