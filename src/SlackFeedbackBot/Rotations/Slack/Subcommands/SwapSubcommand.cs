using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary><c>/support swap</c>: opens the swap form (your upcoming shift, a colleague).</summary>
public sealed class SwapSubcommand(ShiftSwaps swaps) : ISupportSubcommand
{
    public string Name => "swap";

    public string Usage => "`/support swap`: ask a colleague to take one of your shifts";

    public async Task<SlackMessage?> RunAsync(SupportRequest request, CancellationToken ct)
    {
        var refusal = await swaps.OpenAsync(request.UserId, request.Command.TriggerId, ct);
        return refusal is null ? null : SlackMessage.Ephemeral(refusal);
    }
}
