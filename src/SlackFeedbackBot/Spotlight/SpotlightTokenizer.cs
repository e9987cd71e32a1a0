using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Spotlight;

/// <summary>Receives the words of a text, lower-cased, and the sentence ends between them.</summary>
internal interface ISpotlightTokenSink
{
    void Word(scoped ReadOnlySpan<char> word);

    void SentenceEnd();
}

/// <summary>
/// One pass over a Slack message that yields its words: lower case, curly apostrophes made straight, Slack markup
/// reduced to what a reader sees (mentions and bare links dropped, link and channel labels kept, :emoji: dropped,
/// formatting marks and quote markers ignored). Sentence ends (. ? ! newline) are reported so that a pattern never
/// matches across two sentences. Nothing is allocated.
/// </summary>
internal static class SpotlightTokenizer
{
    /// <summary>Longer words cannot be part of any rule, so they are reported as a word the rules do not know.</summary>
    public const int MaxWordLength = 40;

    private const int MaxEmojiNameLength = 64;

    public static void Tokenize<TSink>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : ISpotlightTokenSink, allows ref struct
    {
        var word = new WordBuffer();
        var i = 0;

        while (i < text.Length)
        {
            var c = text[i];
            if (c < 128)
            {
                if (IsAsciiLowerOrDigit(c))
                {
                    word.Append(c);
                    i++;
                    continue;
                }

                if ((uint)(c - 'A') <= 'Z' - 'A')
                {
                    word.Append((char)(c | 0x20));
                    i++;
                    continue;
                }

                switch (c)
                {
                    case '\'':
                        word.Apostrophe(text, i, ref sink);
                        i++;
                        break;
                    case '.':
                        word.Flush(ref sink);
                        // "v2.3" or "app.example.com" keep going; a dot before a space or the end closes a sentence.
                        if (i + 1 >= text.Length || !IsWordChar(text[i + 1]))
                        {
                            word.EndSentence(ref sink);
                        }

                        i++;
                        break;
                    case '?' or '!' or '\n':
                        word.Flush(ref sink);
                        word.EndSentence(ref sink);
                        i++;
                        break;
                    case '<':
                        word.Flush(ref sink);
                        i = SkipSlackMarkup(text, i);
                        break;
                    case ':':
                        word.Flush(ref sink);
                        i = SkipEmoji(text, i);
                        break;
                    case '&':
                        word.Flush(ref sink);
                        i = SkipEntity(text, i);
                        break;
                    default:
                        word.Flush(ref sink);
                        i++;
                        break;
                }

                continue;
            }

            if (IsApostrophe(c))
            {
                word.Apostrophe(text, i, ref sink);
            }
            else if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else
            {
                word.Flush(ref sink);
                if (c is '\u2026' or '\u2028' or '\u2029')
                {
                    word.EndSentence(ref sink);
                }
            }

            i++;
        }

        word.Flush(ref sink);
    }

    /// <summary>The word being read, plus whether a sentence end would separate anything.</summary>
    private struct WordBuffer
    {
        private WordChars buffer;
        private int length;
        private bool tooLong;
        private bool wordsSinceSentenceEnd;

        public void Append(char lower)
        {
            if (length < MaxWordLength)
            {
                buffer[length++] = lower;
            }
            else
            {
                tooLong = true;
            }
        }

        // An apostrophe between two letters belongs to the word (i'm, don't); elsewhere it is a quote mark.
        public void Apostrophe<TSink>(ReadOnlySpan<char> text, int at, scoped ref TSink sink)
            where TSink : ISpotlightTokenSink, allows ref struct
        {
            if (length > 0 && at + 1 < text.Length && char.IsLetter(text[at + 1]))
            {
                Append('\'');
            }
            else
            {
                Flush(ref sink);
            }
        }

        public void Flush<TSink>(scoped ref TSink sink)
            where TSink : ISpotlightTokenSink, allows ref struct
        {
            if (length == 0 && !tooLong)
            {
                return;
            }

            // A word too long for the buffer is still a word: it separates its neighbours but matches no rule.
            sink.Word(tooLong ? ReadOnlySpan<char>.Empty : ((ReadOnlySpan<char>)buffer)[..length]);
            length = 0;
            tooLong = false;
            wordsSinceSentenceEnd = true;
        }

        public void EndSentence<TSink>(scoped ref TSink sink)
            where TSink : ISpotlightTokenSink, allows ref struct
        {
            if (wordsSinceSentenceEnd)
            {
                sink.SentenceEnd();
                wordsSinceSentenceEnd = false;
            }
        }
    }

    [System.Runtime.CompilerServices.InlineArray(MaxWordLength)]
    private struct WordChars
    {
        private char first;
    }

    public static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018' or '\u02BC' or '\u2032';

    private static bool IsAsciiLowerOrDigit(char c) => (uint)(c - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9;

    private static bool IsWordChar(char c) => c < 128 ? char.IsAsciiLetterOrDigit(c) : char.IsLetterOrDigit(c);

    /// <summary>
    /// Slack writes mentions and links as &lt;...&gt;: a user or special mention (&lt;@U1|ann&gt;, &lt;!here&gt;) and a
    /// bare link are dropped; a channel or link with a label (&lt;#C1|general&gt;, &lt;https://x|the docs&gt;) reads
    /// as its label. A lone '&lt;' is not markup (Slack escapes a typed one as &amp;lt;).
    /// </summary>
    private static int SkipSlackMarkup(ReadOnlySpan<char> text, int open)
    {
        if (!SlackMarkup.TryRead(text, open, out var token))
        {
            return open + 1;
        }

        // Reading resumes at the label; the closing '>' then acts as a plain separator.
        return token.Kind is SlackMarkupKind.Link or SlackMarkupKind.Channel && token.HasLabel ? token.LabelStart : token.End;
    }

    /// <summary>":tada:" and ":skin-tone-2:" are dropped; a colon in "note: how" or "10:30" stays a separator.</summary>
    private static int SkipEmoji(ReadOnlySpan<char> text, int colon)
    {
        var j = colon + 1;
        var limit = Math.Min(text.Length, colon + 1 + MaxEmojiNameLength);
        while (j < limit && IsEmojiNameChar(text[j]))
        {
            j++;
        }

        var isEmoji = j > colon + 1 && j < text.Length && text[j] == ':';
        return isEmoji ? j + 1 : colon + 1;
    }

    private static bool IsEmojiNameChar(char c) => IsAsciiLowerOrDigit(c) || c is '_' or '-' or '+' or '\'';

    /// <summary>Slack escapes &amp;, &lt; and &gt; in message text ("&amp;gt; " is a quote marker).</summary>
    private static int SkipEntity(ReadOnlySpan<char> text, int ampersand)
    {
        var rest = text[ampersand..];
        if (rest.StartsWith("&amp;", StringComparison.Ordinal))
        {
            return ampersand + 5;
        }

        if (rest.StartsWith("&lt;", StringComparison.Ordinal) || rest.StartsWith("&gt;", StringComparison.Ordinal))
        {
            return ampersand + 4;
        }

        return ampersand + 1;
    }
}
