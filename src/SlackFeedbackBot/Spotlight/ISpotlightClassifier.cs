namespace SlackFeedbackBot.Spotlight;

/// <summary>Sorts a piece of customer feedback into a Spotlight bucket by how it is phrased.</summary>
public interface ISpotlightClassifier
{
    /// <summary>The buckets in precedence order (the first one that matches wins); unclassified is not listed.</summary>
    IReadOnlyList<SpotlightBucket> Buckets { get; }

    SpotlightResult Classify(ReadOnlySpan<char> text);

    SpotlightResult Classify(string? text) => Classify(text.AsSpan());
}
