using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary><c>/support leave [rotation]</c>: takes the person off; their upcoming shifts are re-planned to others.</summary>
public sealed class LeaveSubcommand(RotationChooser chooser, RotationRepository rotations, RotationPlanning planning, TimeProvider time) : ISupportSubcommand
{
    public string Name => "leave";

    public string Usage => "`/support leave [rotation]`: stop taking part; your upcoming shifts go to others";

    public async Task<SlackMessage?> RunAsync(SupportRequest request, CancellationToken ct)
    {
        var (rotation, problem) = await chooser.ChooseAsync(request.UserId, request.Arguments);
        if (rotation is null)
        {
            return SlackMessage.Ephemeral(problem!);
        }

        var now = time.GetUtcNow();
        var before = await planning.LoadInputsAsync(rotation, now, ct);
        if (!await rotations.LeaveAsync(rotation.Id, request.UserId, now))
        {
            return SlackMessage.Ephemeral($"You're not on *{rotation.Name}*.");
        }

        var after = await planning.LoadInputsAsync(rotation, now, ct);
        var moves = await planning.ReplanAsync(before, after, ct);
        var handedOver = moves.Count(m => m.UserId == request.UserId);
        return SlackMessage.Ephemeral($"You've left *{rotation.Name}*. {handedOver} upcoming shift(s) of yours went to others, who have been told.");
    }
}
