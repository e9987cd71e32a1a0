using SlackFeedbackBot.Commands;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary>
/// One <c>/support</c> subcommand; its name routes to it when its arguments fit, its usage goes into the help and
/// into the answer to text that fits nothing. A run answers ephemerally, or null when it answers another way (a modal).
/// </summary>
public interface ISupportSubcommand : ISubcommand;

/// <summary>Parse rules shared by /support subcommands; the text they keep is passed on exactly as typed.</summary>
public static class SupportArguments
{
    /// <summary>Nothing, or one rotation name (names are one word: letters, digits and dashes).</summary>
    public static RawArguments? OptionalRotation(string arguments) =>
        CommandWords.Count(arguments) <= 1 ? RawArguments.From(arguments) : null;

    /// <summary>Anything: the handler reads it (dates, settings, a note) and says what is wrong.</summary>
    public static RawArguments Any(string arguments) => RawArguments.From(arguments);
}

/// <summary>Finds the rotation a command means: the one named, else the only one the person is on, else the only one there is.</summary>
public sealed class RotationChooser(Storage.RotationRepository rotations)
{
    public async Task<(RotationSettings? Rotation, string? Problem)> ChooseAsync(string userId, string? name)
    {
        var all = await rotations.ListAsync();
        if (all.Count == 0)
        {
            return (null, "There are no rotations yet. An admin creates one with `/support create <name> #channel`.");
        }

        if (!string.IsNullOrWhiteSpace(name))
        {
            var named = all.FirstOrDefault(r => r.Name.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase));
            return named is null ? (null, $"There is no rotation called *{name.Trim()}*. Rotations: {string.Join(", ", all.Select(r => r.Name))}.") : (named, null);
        }

        var mine = await rotations.RotationsOfAsync(userId);
        if (mine.Count == 1)
        {
            return (mine[0], null);
        }

        return all.Count == 1 ? (all[0], null) : (null, $"Which rotation? Add its name: {string.Join(", ", all.Select(r => r.Name))}.");
    }
}
