using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary><c>/support create &lt;name&gt; #channel key=value...</c> (admins).</summary>
public sealed class CreateSubcommand(RotationAdmin admin) : Subcommand<RawArguments>, ISupportSubcommand
{
    public override string Name => "create";

    public override string Usage => "`/support create <name> #channel [key=value...] [members=@a,@b]`: new rotation (admins)";

    public override IReadOnlyList<string> Hints => ["new", "add-rotation"];

    public override RawArguments? TryParse(string arguments) => SupportArguments.Any(arguments);

    public override async Task<SlackMessage?> RunAsync(SlashCommand command, RawArguments arguments, CancellationToken ct) =>
        SupportReply.To(command, await admin.CreateAsync(command.UserId, arguments.Text, ct));
}
