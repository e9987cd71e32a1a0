using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary><c>/support ack</c>: "I'm on it" for the current or next shift.</summary>
public sealed class AckSubcommand(ShiftAcknowledgements acknowledgements) : ISupportSubcommand
{
    public string Name => "ack";

    public string Usage => "`/support ack`: say you're on it (current shift, or the next within 24 hours)";

    public async Task<SlackMessage?> RunAsync(SupportRequest request, CancellationToken ct) =>
        SlackMessage.Ephemeral((await acknowledgements.AckAsync(request.UserId, null, ct)).Text);
}
