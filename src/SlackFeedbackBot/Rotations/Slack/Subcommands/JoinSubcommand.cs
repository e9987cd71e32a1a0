using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary><c>/support join [rotation]</c>: adds the person; their shifts come with the next planned period.</summary>
public sealed class JoinSubcommand(RotationChooser chooser, RotationRepository rotations, PeopleZones zones, TimeProvider time) : ISupportSubcommand
{
    public string Name => "join";

    public string Usage => "`/support join [rotation]`: take part in a rotation (working hours 09:00-17:00 Mon-Fri in your Slack time zone)";

    public async Task<SlackMessage?> RunAsync(SupportRequest request, CancellationToken ct)
    {
        var (rotation, problem) = await chooser.ChooseAsync(request.UserId, request.Arguments);
        if (rotation is null)
        {
            return SlackMessage.Ephemeral(problem!);
        }

        if (!await rotations.JoinAsync(rotation.Id, request.UserId, time.GetUtcNow()))
        {
            return SlackMessage.Ephemeral($"You're already on *{rotation.Name}*.");
        }

        var zone = await zones.ZoneOfAsync(request.UserId, ct);
        return SlackMessage.Ephemeral($"Welcome to *{rotation.Name}*! Shifts fall in your working hours (09:00-17:00, Mon-Fri, {zone.Id}). Your first shifts come with the next planned period; you'll get reminders 24 hours, 1 hour and 10 minutes before each.");
    }
}
