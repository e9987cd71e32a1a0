using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary><c>/support create &lt;name&gt; #channel key=value...</c> (admins).</summary>
public sealed class CreateSubcommand(RotationAdmin admin, PlainNames names) : Subcommand<RawArguments>, ISupportSubcommand
{
    public override string Name => "create";

    public override string Usage => "`/support create <name> #channel [key=value...] [members=@a,@b]`: new rotation (admins)";

    public override IReadOnlyList<string> Hints => ["new", "add-rotation"];

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

        return SupportReply.To(command, await admin.CreateAsync(command.UserId, text, ct));
    }
}
