using System.Text;

namespace SlackFeedbackBot.Spotlight;

/// <summary>
/// Shows a message as the rules see it: canonical words separated by spaces, each sentence closed by ". ".
/// For diagnostics and the rule-writing guide; classification reads the same words without building this string.
/// </summary>
public static class SpotlightTextNormalizer
{
    public static string Normalize(string? text)
    {
        var sink = new TextSink(new StringBuilder(text?.Length ?? 0));
        SpotlightTokenizer.Tokenize(text.AsSpan(), ref sink);
        return sink.Builder.ToString().TrimEnd();
    }

    private ref struct TextSink(StringBuilder builder) : ISpotlightTokenSink
    {
        private string? previousWord;
        private int previousWordStart;

        public StringBuilder Builder { get; } = builder;

        public void Word(scoped ReadOnlySpan<char> word)
        {
            var canonical = SpotlightWordForms.Canonical(word.ToString());
            if (previousWord is not null && SpotlightPattern.TryMerge(previousWord, canonical, out var merged))
            {
                Builder.Length = previousWordStart;
                canonical = merged;
            }

            if (Builder.Length > 0 && Builder[^1] != ' ')
            {
                Builder.Append(' ');
            }

            previousWordStart = Builder.Length;
            previousWord = canonical;
            Builder.Append(canonical);
        }

        public void SentenceEnd()
        {
            Builder.Append(". ");
            previousWord = null;
        }
    }
}
