using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary>What a subcommand gets: the slash command and the text after its own name.</summary>
public sealed record SupportRequest(SlashCommand Command, string Arguments)
{
    public string UserId => Command.UserId;
}

/// <summary>One <c>/support</c> subcommand; <see cref="Name"/> routes to it, <see cref="Usage"/> goes into the help.</summary>
public interface ISupportSubcommand
{
    string Name { get; }

    string Usage { get; }

    /// <summary>The ephemeral answer, or null when the subcommand answers another way (a modal).</summary>
    Task<SlackMessage?> RunAsync(SupportRequest request, CancellationToken ct);
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
