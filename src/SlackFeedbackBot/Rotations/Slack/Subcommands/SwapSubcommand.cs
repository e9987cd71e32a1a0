using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary><c>/support swap</c>: opens the swap form (your upcoming shift, a colleague).</summary>
public sealed class SwapSubcommand(ShiftSwaps swaps) : Subcommand<NoArguments>, ISupportSubcommand
{
    public override string Name => "swap";

    public override string Usage => "`/support swap`: ask a colleague to take one of your shifts";

    public override IReadOnlyList<string> Hints => ["trade", "switch", "cover", "exchange"];

    public override NoArguments? TryParse(string arguments) => NoArguments.From(arguments);

    public override async Task<SlackMessage?> RunAsync(SlashCommand command, NoArguments arguments, CancellationToken ct)
    {
        var refusal = await swaps.OpenAsync(command.UserId, command.TriggerId, ct);
        return refusal is null ? null : SlackMessage.Ephemeral(refusal);
    }
}
