using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary><c>/support handoff &lt;note&gt;</c>: a note for the next people on shift.</summary>
public sealed class HandoffSubcommand(ShiftAcknowledgements acknowledgements) : ISupportSubcommand
{
    public string Name => "handoff";

    public string Usage => "`/support handoff <note>`: leave a note for the next people on shift";

    public async Task<SlackMessage?> RunAsync(SupportRequest request, CancellationToken ct) =>
        SlackMessage.Ephemeral((await acknowledgements.AddHandoffAsync(request.UserId, request.Arguments, ct)).Text);
}
