using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary><c>/support edit &lt;name&gt; key=value...</c> (admins).</summary>
public sealed class EditSubcommand(RotationAdmin admin) : Subcommand<RawArguments>, ISupportSubcommand
{
    public override string Name => "edit";

    public override string Usage => "`/support edit <name> key=value...`: change a rotation (admins)";

    public override IReadOnlyList<string> Hints => ["change", "update", "set"];

    public override RawArguments? TryParse(string arguments) => SupportArguments.Any(arguments);

    public override async Task<SlackMessage?> RunAsync(SlashCommand command, RawArguments arguments, CancellationToken ct) =>
        SupportReply.To(command, await admin.EditAsync(command.UserId, arguments.Text, ct));
}
