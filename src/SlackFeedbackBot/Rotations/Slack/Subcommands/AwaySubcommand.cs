using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary><c>/support away &lt;from&gt; &lt;to&gt;</c>: time off; affected shifts are re-planned.</summary>
public sealed class AwaySubcommand(TimeAway away) : ISupportSubcommand
{
    public string Name => "away";

    public string Usage => $"{TimeAway.Usage}: time off (whole days, your time zone); shifts that clash are re-planned";

    public async Task<SlackMessage?> RunAsync(SupportRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Arguments))
        {
            return SlackMessage.Ephemeral($"When are you away? {TimeAway.Usage}.");
        }

        return SlackMessage.Ephemeral((await away.RequestAsync(request.UserId, request.Arguments, ct)).Text);
    }
}
