using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary><c>/support join [rotation]</c>: adds the person; their shifts come with the next planned period.</summary>
public sealed class JoinSubcommand(RotationChooser chooser, RotationRepository rotations, PeopleZones zones, TimeProvider time) : Subcommand<RawArguments>, ISupportSubcommand
{
    public override string Name => "join";

    public override string Usage => "`/support join [rotation]`: take part in a rotation (working hours 09:00-17:00 Mon-Fri in your Slack time zone)";

    public override IReadOnlyList<string> Hints => ["add", "subscribe", "signup"];

    public override RawArguments? TryParse(string arguments) => SupportArguments.OptionalRotation(arguments);

    public override async Task<SlackMessage?> RunAsync(SlashCommand command, RawArguments arguments, CancellationToken ct)
    {
        var (rotation, problem) = await chooser.ChooseAsync(command.UserId, arguments.Text);
        if (rotation is null)
        {
            return SlackMessage.Ephemeral(problem!);
        }

        if (!await rotations.JoinAsync(rotation.Id, command.UserId, time.GetUtcNow()))
        {
            return SlackMessage.Ephemeral($"You're already on *{rotation.Name}*.");
        }

        var zone = await zones.ZoneOfAsync(command.UserId, ct);
        return SlackMessage.Ephemeral($"Welcome to *{rotation.Name}*! Shifts fall in your working hours (09:00-17:00, Mon-Fri, {zone.Id}). Your first shifts come with the next planned period; you'll get reminders 24 hours, 1 hour and 10 minutes before each.");
    }
}
