using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary><c>/support leave [rotation]</c>: takes the person off; their upcoming shifts are re-planned to others.</summary>
public sealed class LeaveSubcommand(RotationChooser chooser, RotationRepository rotations, RotationPlanning planning, TimeProvider time) : Subcommand<RawArguments>, ISupportSubcommand
{
    public override string Name => "leave";

    public override string Usage => "`/support leave [rotation]`: stop taking part; your upcoming shifts go to others";

    public override IReadOnlyList<string> Hints => ["quit", "unsubscribe", "exit"];

    public override RawArguments? TryParse(string arguments) => SupportArguments.OptionalRotation(arguments);

    public override async Task<SlackMessage?> RunAsync(SlashCommand command, RawArguments arguments, CancellationToken ct)
    {
        var (rotation, problem) = await chooser.ChooseAsync(command.UserId, arguments.Text);
        if (rotation is null)
        {
            return SlackMessage.Ephemeral(problem!);
        }

        var now = time.GetUtcNow();
        var before = await planning.LoadInputsAsync(rotation, now, ct);
        if (!await rotations.LeaveAsync(rotation.Id, command.UserId, now))
        {
            return SlackMessage.Ephemeral($"You're not on *{rotation.Name}*.");
        }

        var after = await planning.LoadInputsAsync(rotation, now, ct);
        var moves = await planning.ReplanAsync(before, after, ct);
        var handedOver = moves.Count(m => m.UserId == command.UserId);
        return SlackMessage.Ephemeral($"You've left *{rotation.Name}*. {handedOver} upcoming shift(s) of yours went to others, who have been told.");
    }
}
