using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SlackFeedbackBot.Spotlight;

/// <summary>
/// What the "classify" command does, kept apart from argument parsing.
/// One message: a single line <c>bucket&lt;TAB&gt;rule</c>, the rule being "-" when nothing matched.
/// JSON lines: one message per input line (blank lines skipped), one object per output line:
/// <c>{"text":"…","bucket":"…","rule":"…"}</c> with "rule" null when unclassified.
/// </summary>
public sealed class SpotlightCli(ISpotlightClassifier classifier)
{
    public const int Success = 0;
    public const int NothingToClassify = 2;

    private static readonly JsonSerializerOptions JsonLineOptions = new()
    {
        // Output is a data stream, not HTML: keep "I’m" and "é" readable instead of \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };

    /// <returns><see cref="Success"/>, or <see cref="NothingToClassify"/> for blank text (with a one-line hint).</returns>
    public int ClassifyOne(string? text, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (string.IsNullOrWhiteSpace(text))
        {
            output.WriteLine("Nothing to classify: give the message text, e.g. classify \"How do I export to CSV?\"");
            return NothingToClassify;
        }

        var result = classifier.Classify(text);
        output.WriteLine($"{result.Bucket}\t{result.Rule ?? "-"}");
        return Success;
    }

    /// <returns>How many messages were classified.</returns>
    public int ClassifyJsonLines(TextReader input, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var count = 0;
        while (input.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var result = classifier.Classify(line);
            output.WriteLine(JsonSerializer.Serialize(new ClassifiedLine(line, result.Bucket, result.Rule), JsonLineOptions));
            count++;
        }

        return count;
    }

    private sealed record ClassifiedLine(
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("bucket")] string Bucket,
        [property: JsonPropertyName("rule")] string? Rule);
}
