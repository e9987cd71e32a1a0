using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary><c>/support edit &lt;name&gt; key=value...</c> (admins).</summary>
public sealed class EditSubcommand(RotationAdmin admin, PlainNames names) : Subcommand<RawArguments>, ISupportSubcommand
{
    public override string Name => "edit";

    public override string Usage => "`/support edit <name> key=value...`: change a rotation (admins)";

    public override IReadOnlyList<string> Hints => ["change", "update", "set"];

    public override RawArguments? TryParse(string arguments) => SupportArguments.Any(arguments);

    public override async Task<SlackMessage?> RunAsync(SlashCommand command, RawArguments arguments, CancellationToken ct)
    {
        // Plain #channel and @person are looked up for admins only; others are refused as they are.
        var text = arguments.Text;
        if (admin.IsAdmin(command.UserId))
        {
            var escaped = await names.EscapeAsync(text, ct);
            if (!escaped.AllFound)
            {
                return SupportReply.To(command, SupportOutcome.Refused(escaped.Problem()));
            }

            text = escaped.Text;
        }

        return SupportReply.To(command, await admin.EditAsync(command.UserId, text, ct));
    }
}
