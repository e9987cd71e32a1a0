using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary><c>/support away &lt;from&gt; &lt;to&gt;</c>: time off; affected shifts are re-planned.</summary>
public sealed class AwaySubcommand(TimeAway away) : Subcommand<RawArguments>, ISupportSubcommand
{
    public override string Name => "away";

    public override string Usage => $"{TimeAway.Usage}: time off (whole days, your time zone); shifts that clash are re-planned";

    public override IReadOnlyList<string> Hints => ["off", "vacation", "holiday", "holidays", "pto", "timeoff", "sick"];

    public override RawArguments? TryParse(string arguments) => SupportArguments.Any(arguments);

    public override async Task<SlackMessage?> RunAsync(SlashCommand command, RawArguments arguments, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(arguments.Text))
        {
            return SlackMessage.Ephemeral($"When are you away? {TimeAway.Usage}.");
        }

        return SupportReply.To(command, await away.RequestAsync(command.UserId, arguments.Text, ct));
    }
}
