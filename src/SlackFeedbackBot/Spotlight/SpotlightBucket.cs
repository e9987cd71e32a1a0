namespace SlackFeedbackBot.Spotlight;

/// <summary>A bucket as the compiled rule set knows it; <see cref="Rank"/> 0 wins over every other.</summary>
public sealed record SpotlightBucket(string Id, string DisplayName, string Description, int Rank);
