namespace SlackFeedbackBot.Spotlight;

/// <summary>The Spotlight settings cannot be compiled; <see cref="Problems"/> names each setting at fault.</summary>
public sealed class SpotlightConfigurationException(IReadOnlyList<string> problems)
    : Exception("Spotlight configuration is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
