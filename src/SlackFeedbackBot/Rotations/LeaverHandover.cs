using SlackFeedbackBot.Rotations.Planning;
using SlackFeedbackBot.Rotations.Scheduling;
using SlackFeedbackBot.Rotations.Slack;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Rotations;

/// <summary>What became of a leaver's upcoming shifts: who took each, and which nobody could take.</summary>
public sealed record Handover(IReadOnlyList<(Shift Shift, string TakenBy)> Covered, IReadOnlyList<Shift> Uncovered);

/// <summary>
/// Someone leaves a rotation: re-plans without them, then gives each of their upcoming shifts the re-plan left empty
/// to the remaining member who can take it (working day and hours in their own zone, no time off, not on another
/// shift then, fewest upcoming shifts first). Each taker is told by DM; a shift nobody can take stays uncovered and
/// the rotation's owners are told. The leaver gets one summary (counts and the next few), not a line per shift.
/// </summary>
public sealed class LeaverHandover(
    RotationRepository rotations,
    ShiftRepository shifts,
    RotationPlanning planning,
    ShiftScheduler scheduler,
    PeopleZones zones,
    DirectMessenger messenger,
    SupportHomeRefresh homes,
    TimeProvider time)
{
    private const int NextShown = 3;
    private static readonly TimeSpan Ahead = TimeSpan.FromDays(800);

    /// <summary>Null when the person was not on the rotation; else the summary told to them (also by DM).</summary>
    public async Task<string?> LeaveAsync(RotationSettings rotation, string leaver, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var theirs = (await shifts.ListAsync(rotation.Id, now, now + Ahead)).Where(s => s.Start > now && s.IsParticipant(leaver)).ToList();
        var before = await planning.LoadInputsAsync(rotation, now, ct);
        if (!await rotations.LeaveAsync(rotation.Id, leaver, now))
        {
            return null;
        }

        var after = await planning.LoadInputsAsync(rotation, now, ct);
        await planning.ReplanAsync(before, after, new HashSet<string>(StringComparer.Ordinal) { leaver }, ct);
        var handover = await HandOverAsync(rotation, leaver, theirs, after, now, ct);
        var summary = Summary(rotation, handover, await zones.ZoneOfAsync(leaver, ct));
        await homes.RefreshAsync(handover.Covered.Select(c => c.TakenBy).Append(leaver), $"left:{rotation.Id}:{leaver}:{now.ToUnixTimeMilliseconds()}", ct);
        await messenger.SendAsync($"left:{rotation.Id}:{leaver}:{now.ToUnixTimeMilliseconds()}", leaver, new SlackMessage { Text = summary, Blocks = [SupportBlocks.Section(summary)] }, ct);
        return summary;
    }

    private async Task<Handover> HandOverAsync(RotationSettings rotation, string leaver, List<Shift> theirs, PlanInputs inputs, DateTimeOffset now, CancellationToken ct)
    {
        var covered = new List<(Shift, string)>();
        var uncovered = new List<Shift>();
        var upcoming = (await shifts.ListAsync(rotation.Id, now, now + Ahead)).ToList();
        foreach (var old in theirs)
        {
            // The re-plan may have filled the slot already (continuous cadences do); then its new holder was told.
            if (await shifts.FindAsync(old.Key) is { Status: ShiftStatus.Planned } replanned && !replanned.IsParticipant(leaver))
            {
                covered.AddRange(replanned.Participants.Except(old.Participants).Select(u => (replanned, u)));
                continue;
            }

            var taker = inputs.Members
                .Where(m => m.UserId != leaver && !old.IsParticipant(m.UserId) && CanTake(m, old, inputs.TimeOff, upcoming))
                .OrderBy(m => upcoming.Count(s => s.IsParticipant(m.UserId)))
                .ThenBy(m => m.UserId, StringComparer.Ordinal)
                .FirstOrDefault();
            if (taker is null)
            {
                await shifts.CancelAsync(old.Key, now);
                uncovered.Add(old);
                await TellOwnersAsync(rotation, leaver, old, ct);
                continue;
            }

            var planned = new PlannedShift(
                old.Key, old.Start, old.End,
                old.Assignees.Select(a => a == leaver ? taker.UserId : a).ToList(),
                old.Pro == leaver ? taker.UserId : old.Pro);
            await shifts.UpsertAsync(rotation.Id, planned, now);
            var stored = await shifts.FindAsync(old.Key) ?? throw new InvalidOperationException($"Shift {old.Key} was not stored.");
            await scheduler.ScheduleAsync(stored, rotation, ct);
            upcoming.RemoveAll(s => s.Key == old.Key);
            upcoming.Add(stored);
            covered.Add((stored, taker.UserId));
            await TellTakerAsync(rotation, leaver, stored, taker.UserId, ct);
        }

        return new Handover(covered, uncovered);
    }

    /// <summary>On the roster, on a working day and inside working hours in their own zone, not away, not on another shift.</summary>
    private static bool CanTake(RotationMember member, Shift shift, IReadOnlyList<TimeOff> timeOff, IReadOnlyList<Shift> upcoming)
    {
        if (!member.IsOnRotationAt(shift.Start)
            || timeOff.Any(t => t.UserId == member.UserId && t.Overlaps(shift.Start, shift.End))
            || upcoming.Any(s => s.Key != shift.Key && s.IsParticipant(member.UserId) && s.Start < shift.End && shift.Start < s.End))
        {
            return false;
        }

        var zone = ZoneCatalog.Find(member.TimeZoneId);
        var localDay = DateOnly.FromDateTime(LocalTimeResolver.ToLocal(shift.Start, zone));
        foreach (var day in new[] { localDay.AddDays(-1), localDay })
        {
            if (!member.WorkingDays.Contains(day.DayOfWeek))
            {
                continue;
            }

            var from = LocalTimeResolver.ToUtc(member.WorkingHours.LocalStartOn(day), zone);
            var to = LocalTimeResolver.ToUtc(member.WorkingHours.LocalEndOn(day), zone);
            if (from <= shift.Start && shift.End <= to)
            {
                return true;
            }
        }

        return false;
    }

    private async Task TellTakerAsync(RotationSettings rotation, string leaver, Shift shift, string taker, CancellationToken ct)
    {
        var zone = await zones.ZoneOfAsync(taker, ct);
        var text = $"{ShiftText.Mention(leaver)} left *{rotation.Name}*, so you now have their {ShiftText.ShiftOf(rotation.Name)}: {ShiftText.When(shift, zone)}. " +
                   "If it doesn't suit you, `/support swap` asks a colleague to take it.";
        await messenger.SendAsync($"cover:{shift.Key}:{taker}", taker, new SlackMessage { Text = text, Blocks = [SupportBlocks.Section(text)] }, ct);
    }

    private async Task TellOwnersAsync(RotationSettings rotation, string leaver, Shift shift, CancellationToken ct)
    {
        foreach (var owner in rotation.Owners)
        {
            var zone = await zones.ZoneOfAsync(owner, ct);
            var text = $"{ShiftText.Mention(leaver)} left *{rotation.Name}* and nobody on it can take their shift {ShiftText.When(shift, zone)} " +
                       $"(outside everyone's working hours, away, or already on shift): it is *uncovered*. Add people with `/support edit {rotation.Name} members=@name`, or cover {ShiftText.Channel(rotation.SupportChannel)} yourself.";
            await messenger.SendAsync($"uncovered:{shift.Key}:{owner}", owner, new SlackMessage { Text = text, Blocks = [SupportBlocks.Section(text)] }, ct);
        }
    }

    private static string Summary(RotationSettings rotation, Handover handover, TimeZoneInfo zone)
    {
        var total = handover.Covered.Select(c => c.Shift.Key).Distinct().Count() + handover.Uncovered.Count;
        if (total == 0)
        {
            return $"You've left *{rotation.Name}*. You had no upcoming shifts on it.";
        }

        var parts = new List<string> { $"You've left *{rotation.Name}*. Of your {total} upcoming shift(s):" };
        if (handover.Covered.Count > 0)
        {
            var takers = handover.Covered.Select(c => c.TakenBy).Distinct().ToList();
            parts.Add($"• {handover.Covered.Select(c => c.Shift.Key).Distinct().Count()} went to {ShiftText.Mentions(takers)}, who have been told.");
        }

        if (handover.Uncovered.Count > 0)
        {
            var owners = rotation.Owners.Count == 0 ? "nobody to tell: the rotation has no owners" : $"{ShiftText.Mentions(rotation.Owners)} {(rotation.Owners.Count == 1 ? "has" : "have")} been told";
            parts.Add($"• {handover.Uncovered.Count} could not be given to anyone and {(handover.Uncovered.Count == 1 ? "is" : "are")} now *uncovered* ({owners}).");
        }

        var next = handover.Covered.Select(c => (c.Shift, Who: ShiftText.Mention(c.TakenBy)))
            .Concat(handover.Uncovered.Select(s => (Shift: s, Who: "uncovered")))
            .OrderBy(x => x.Shift.Start)
            .DistinctBy(x => x.Shift.Key)
            .Take(NextShown)
            .Select(x => $"  {ShiftText.When(x.Shift, zone)}: {x.Who}");
        parts.Add("Next:\n" + string.Join("\n", next));
        return string.Join("\n", parts);
    }
}
