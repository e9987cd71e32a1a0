namespace SlackFeedbackBot.Rotations.Planning;

/// <summary>The rotation or its roster cannot be planned; <see cref="Problems"/> says why, in words fit to show the owner.</summary>
public sealed class RotationValidationException(IReadOnlyList<string> problems)
    : Exception("The rotation cannot be planned: " + string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
