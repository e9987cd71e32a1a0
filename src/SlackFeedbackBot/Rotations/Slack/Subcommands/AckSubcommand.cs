using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary><c>/support ack</c>: "I'm on it" for the current or next shift.</summary>
public sealed class AckSubcommand(ShiftAcknowledgements acknowledgements) : Subcommand<NoArguments>, ISupportSubcommand
{
    public override string Name => "ack";

    public override string Usage => "`/support ack`: say you're on it (current shift, or the next within 24 hours)";

    public override IReadOnlyList<string> Hints => ["here", "start", "onit", "ok"];

    public override NoArguments? TryParse(string arguments) => NoArguments.From(arguments);

    public override async Task<SlackMessage?> RunAsync(SlashCommand command, NoArguments arguments, CancellationToken ct) =>
        SupportReply.To(command, await acknowledgements.AckAsync(command.UserId, null, ct));
}
