using System.Globalization;
using SlackFeedbackBot.Rotations.Planning;
using SlackFeedbackBot.Rotations.Slack;
using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Rotations;

/// <summary>
/// Tells a rotation's owners who a planning window could not place, and why, in one DM per owner per window
/// (key <c>unplaced:{rotation}:{window}:{owner}</c>): the daily run, a re-plan or a restart planning the same window
/// again says nothing twice.
/// </summary>
public sealed class UnplacedMembersNotice(PeopleZones zones, DirectMessenger messenger)
{
    public static string Key(long rotationId, PlanningPeriod window, string owner) =>
        $"unplaced:{rotationId}:{window.From.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}:{owner}";

    /// <summary>Sends the owners' summary when <paramref name="unplaced"/> names anyone; returns how many owners it went to.</summary>
    public async Task<int> TellOwnersAsync(
        RotationSettings rotation, PlanningPeriod window, IReadOnlyList<UnplacedMember> unplaced, PlanInputs inputs, CancellationToken ct)
    {
        if (unplaced.Count == 0)
        {
            return 0;
        }

        var told = 0;
        foreach (var owner in rotation.Owners.Distinct(StringComparer.Ordinal))
        {
            var zone = await zones.ZoneOfAsync(owner, ct);
            var text = Text(rotation, window, unplaced, inputs, zone);
            if (await messenger.SendAsync(Key(rotation.Id, window, owner), owner, new SlackMessage { Text = text, Blocks = [SupportBlocks.Section(text)] }, ct))
            {
                told++;
            }
        }

        return told;
    }

    public static string Text(RotationSettings rotation, PlanningPeriod window, IReadOnlyList<UnplacedMember> unplaced, PlanInputs inputs, TimeZoneInfo ownerZone)
    {
        var people = unplaced.GroupBy(u => u.UserId, StringComparer.Ordinal).ToList();
        var lines = people.Select(person =>
        {
            var member = inputs.Members.FirstOrDefault(m => m.UserId == person.Key);
            var periods = string.Join(", ", person.Select(u => u.PeriodStart).Distinct().Order().Select(d => d.ToString("ddd d MMM", CultureInfo.InvariantCulture)));
            return $"• {ShiftText.Mention(person.Key)} (period from {periods}): {Why(person.First().Reason, member, window, inputs.TimeOff)}";
        });
        var from = LocalTimeResolver.ToLocal(window.From, ownerZone).ToString("ddd d MMM", CultureInfo.InvariantCulture);
        var to = LocalTimeResolver.ToLocal(window.To.AddTicks(-1), ownerZone).ToString("ddd d MMM", CultureInfo.InvariantCulture);
        return $"Planning *{rotation.Name}* from {from} to {to}, I could not give {(people.Count == 1 ? "this member a shift" : $"these {people.Count} members a shift")}:\n"
            + string.Join("\n", lines) + "\n"
            + $"They are still on the rotation and get shifts again when something fits. To fix it now, widen the rotation's hours "
            + $"(`/support edit {rotation.Name} hours=…`) or their own, or add people with `/support edit {rotation.Name} members=@name`.";
    }

    private static string Why(UnplacedReason reason, RotationMember? member, PlanningPeriod window, IReadOnlyList<TimeOff> timeOff)
    {
        if (reason == UnplacedReason.NoCapacity)
        {
            return "every time that fits them is already taken by others.";
        }

        var hours = member is null
            ? "their working hours"
            : $"their working hours ({member.WorkingHours.Start:HH:mm}–{member.WorkingHours.End:HH:mm} {member.TimeZoneId}, {Days(member.WorkingDays)})";
        var away = member is not null && timeOff.Any(t => t.UserId == member.UserId && t.From < window.To && window.From < t.To)
            ? "; they are away or on another shift for part of it"
            : "";
        return $"no time in the rotation's hours fits {hours}, clear of their time off, public holidays and shifts on other rotations{away}.";
    }

    private static string Days(IReadOnlySet<DayOfWeek> days)
    {
        var week = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday };
        return string.Join(" ", week.Where(days.Contains).Select(d => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(d)));
    }
}
