using System.Globalization;
using SlackFeedbackBot.Rotations.Planning;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary>
/// <c>/support schedule [me] [rotation]</c>: the upcoming shifts, in the asker's time zone, and the working days in that
/// stretch that have no shifts (company days off, holidays, public holidays), saying why and for whom.
/// </summary>
public sealed class ScheduleSubcommand(RotationChooser chooser, ShiftRepository shifts, PeopleZones zones, RotationPlanning planning, TimeProvider time) : Subcommand<RawArguments>, ISupportSubcommand
{
    public const int Limit = 15;

    public override string Name => "schedule";

    public override string Usage => "`/support schedule [me] [rotation]`: upcoming shifts (yours only with `me`)";

    public override IReadOnlyList<string> Hints => ["shifts", "mine", "calendar", "when", "upcoming"];

    /// <summary>Nothing, <c>me</c>, a rotation name, or both.</summary>
    public override RawArguments? TryParse(string arguments)
    {
        var words = CommandWords.Split(arguments);
        return words.Length <= 1 || (words.Length == 2 && words.Contains("me", StringComparer.OrdinalIgnoreCase)) ? RawArguments.From(arguments) : null;
    }

    public override async Task<SlackMessage?> RunAsync(SlashCommand command, RawArguments arguments, CancellationToken ct)
    {
        var words = arguments.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var mineOnly = words.Remove("me");
        var now = time.GetUtcNow();
        var zone = await zones.ZoneOfAsync(command.UserId, ct);
        if (mineOnly && words.Count == 0)
        {
            var mine = await shifts.UpcomingForAsync(command.UserId, now, Limit);
            return SlackMessage.Ephemeral(mine.Count == 0
                ? "You have no upcoming support shifts."
                : "Your upcoming shifts:\n" + string.Join("\n", mine.Select(s => $"• {ShiftText.When(s, zone)}")));
        }

        var (rotation, problem) = await chooser.ChooseAsync(command.UserId, words.FirstOrDefault());
        if (rotation is null)
        {
            return SlackMessage.Ephemeral(problem!);
        }

        var upcoming = (await shifts.ListAsync(rotation.Id, now, now.AddDays(366)))
            .Where(s => !mineOnly || s.IsParticipant(command.UserId)).Take(Limit).ToList();
        var skipped = await SkippedAsync(rotation, now, upcoming.Count == 0 ? now.AddDays(31) : upcoming[^1].Start, ct);
        if (upcoming.Count == 0)
        {
            return SlackMessage.Ephemeral($"No upcoming shifts on *{rotation.Name}*{(mineOnly ? " for you" : "")}.{skipped}");
        }

        return SlackMessage.Ephemeral($"Upcoming shifts on *{rotation.Name}* (times in {zone.Id}):\n" +
            string.Join("\n", upcoming.Select(s => $"• {ShiftText.When(s, zone)}: {ShiftText.Mentions(s.Participants)}")) + skipped);
    }

    private async Task<string> SkippedAsync(RotationSettings rotation, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var inputs = await planning.LoadInputsAsync(rotation, from, ct);
        var members = inputs.Members.Where(m => m.LeftAt is null).ToList();
        var zone = rotation.Zone;
        var days = SkippedDays.Between(
            planning.DefinitionOf(rotation), members,
            DateOnly.FromDateTime(LocalTimeResolver.ToLocal(from, zone)),
            DateOnly.FromDateTime(LocalTimeResolver.ToLocal(to, zone)));
        if (days.Count == 0)
        {
            return "";
        }

        return "\n*Days skipped:*\n" + string.Join("\n", days.Select(d =>
            $"• {d.Day.ToString("ddd d MMM", CultureInfo.InvariantCulture)}: {d.Reason}{(d.Everyone ? ", no shifts" : $", no shifts for {ShiftText.Mentions(d.Members)}")}"));
    }
}
