using SlackFeedbackBot.Rotations.Calendar;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Slack.Directory;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Rotations;

/// <summary>
/// The rotation commands of the command line: <c>rotation show &lt;name&gt;</c> and
/// <c>rotation ics &lt;name&gt; [--member &lt;user&gt;]</c>. Each returns the process exit code (0, or 1 with a
/// sentence on the writer when the rotation does not exist).
/// </summary>
public static class RotationCli
{
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(366);

    /// <param name="names">Who people are (names, not ids); without it, ids.</param>
    public static async Task<int> ShowAsync(Database database, string name, TextWriter output, TimeProvider? time = null, IPersonNames? names = null, CancellationToken ct = default)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow();
        database.Initialize();
        var rotation = await new RotationRepository(database).FindAsync(name);
        if (rotation is null)
        {
            await output.WriteLineAsync($"There is no rotation called '{name}'.");
            return 1;
        }

        var shifts = await new ShiftRepository(database).ListAsync(rotation.Id, now, now + Ahead);
        await output.WriteLineAsync($"{rotation.Name} (channel {rotation.SupportChannel}, {rotation.TimeZone}): {RotationAdmin.Describe(rotation)}");
        if (shifts.Count == 0)
        {
            await output.WriteLineAsync("No upcoming shifts.");
        }

        var known = await NamesAsync(shifts.SelectMany(s => s.Participants), names, ct);
        foreach (var shift in shifts)
        {
            await output.WriteLineAsync($"{ShiftText.When(shift, rotation.Zone)}  {string.Join(", ", shift.Participants.Select(p => known[p]))}  [{shift.Key}]");
        }

        return 0;
    }

    /// <summary>Exit 2 (the fix on <paramref name="error"/>) when <paramref name="member"/> is no member of the rotation.</summary>
    public static async Task<int> IcsAsync(
        Database database, string name, string? member, TextWriter output, TimeProvider? time = null, TextWriter? error = null,
        IPersonNames? names = null, CancellationToken ct = default)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow();
        database.Initialize();
        var rotation = await new RotationRepository(database).FindAsync(name);
        if (rotation is null)
        {
            await output.WriteLineAsync($"There is no rotation called '{name}'.");
            return 1;
        }

        if (member is not null)
        {
            // An empty calendar for a name that is no member would look like "no shifts": say so instead.
            var members = await new RotationRepository(database).MembersAsync(rotation.Id);
            var wanted = member.Trim().TrimStart('@');
            var memberNames = await NamesAsync(members.Select(m => m.UserId), names, ct);
            var found = members.FirstOrDefault(m => m.UserId.Equals(wanted, StringComparison.OrdinalIgnoreCase))
                ?? members.FirstOrDefault(m => memberNames[m.UserId].Equals(wanted, StringComparison.OrdinalIgnoreCase));
            if (found is null)
            {
                var ids = members.Select(m => m.UserId).Distinct(StringComparer.Ordinal)
                    .Select(id => memberNames[id] == id ? id : $"{memberNames[id]} ({id})").ToList();
                await (error ?? output).WriteLineAsync(
                    $"There is no member '{member}' on rotation '{rotation.Name}'. --member takes a member's name or Slack user id" +
                    (ids.Count == 0 ? "; the rotation has no members yet." : $": {string.Join(", ", ids)}."));
                return 2;
            }

            member = found.UserId;
        }

        var shifts = await new ShiftRepository(database).ListAsync(rotation.Id, now.AddDays(-30), now + Ahead);
        var known = await NamesAsync(shifts.SelectMany(s => s.Participants), names, ct);
        await output.WriteAsync(RotationCalendar.ToIcs(rotation.ToDefinition(), shifts.Select(s => s.ToPlanned()), now, member, known));
        return 0;
    }

    /// <summary>Each person's name (or id), asked once per person.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string> userIds, IPersonNames? names, CancellationToken ct)
    {
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var userId in userIds.Distinct(StringComparer.Ordinal))
        {
            known[userId] = names is null ? userId : await names.NameOrIdAsync(userId, ct);
        }

        return known;
    }
}
