using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary><c>/support handoff &lt;note&gt;</c>: a note for the next people on shift.</summary>
public sealed class HandoffSubcommand(ShiftAcknowledgements acknowledgements) : Subcommand<RawArguments>, ISupportSubcommand
{
    public override string Name => "handoff";

    public override string Usage => "`/support handoff <note>`: leave a note for the next people on shift";

    public override IReadOnlyList<string> Hints => ["done", "end", "finish", "finished", "note"];

    public override RawArguments? TryParse(string arguments) => SupportArguments.Any(arguments);

    public override async Task<SlackMessage?> RunAsync(SlashCommand command, RawArguments arguments, CancellationToken ct) =>
        SupportReply.To(command, await acknowledgements.AddHandoffAsync(command.UserId, arguments.Text, ct));
}
