using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary><c>/support leave [rotation]</c>: takes the person off; their upcoming shifts go to others, or are reported uncovered.</summary>
public sealed class LeaveSubcommand(RotationChooser chooser, LeaverHandover handover) : Subcommand<RawArguments>, ISupportSubcommand
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

        return SlackMessage.Ephemeral(await handover.LeaveAsync(rotation, command.UserId, ct) ?? $"You're not on *{rotation.Name}*.");
    }
}
