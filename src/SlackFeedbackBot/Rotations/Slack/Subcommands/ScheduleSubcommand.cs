using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary><c>/support schedule [me] [rotation]</c>: the upcoming shifts, in the asker's time zone.</summary>
public sealed class ScheduleSubcommand(RotationChooser chooser, ShiftRepository shifts, PeopleZones zones, TimeProvider time) : ISupportSubcommand
{
    public const int Limit = 15;

    public string Name => "schedule";

    public string Usage => "`/support schedule [me] [rotation]`: upcoming shifts (yours only with `me`)";

    public async Task<SlackMessage?> RunAsync(SupportRequest request, CancellationToken ct)
    {
        var words = request.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var mineOnly = words.Remove("me");
        var now = time.GetUtcNow();
        var zone = await zones.ZoneOfAsync(request.UserId, ct);
        if (mineOnly && words.Count == 0)
        {
            var mine = await shifts.UpcomingForAsync(request.UserId, now, Limit);
            return SlackMessage.Ephemeral(mine.Count == 0
                ? "You have no upcoming support shifts."
                : "Your upcoming shifts:\n" + string.Join("\n", mine.Select(s => $"• {ShiftText.When(s, zone)}")));
        }

        var (rotation, problem) = await chooser.ChooseAsync(request.UserId, words.FirstOrDefault());
        if (rotation is null)
        {
            return SlackMessage.Ephemeral(problem!);
        }

        var upcoming = (await shifts.ListAsync(rotation.Id, now, now.AddDays(366)))
            .Where(s => !mineOnly || s.IsParticipant(request.UserId)).Take(Limit).ToList();
        if (upcoming.Count == 0)
        {
            return SlackMessage.Ephemeral($"No upcoming shifts on *{rotation.Name}*{(mineOnly ? " for you" : "")}.");
        }

        return SlackMessage.Ephemeral($"Upcoming shifts on *{rotation.Name}* (times in {zone.Id}):\n" +
            string.Join("\n", upcoming.Select(s => $"• {ShiftText.When(s, zone)}: {ShiftText.Mentions(s.Participants)}")));
    }
}
