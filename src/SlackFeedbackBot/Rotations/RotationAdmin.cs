using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Rotations.Storage;

namespace SlackFeedbackBot.Rotations;

/// <summary>
/// Creating and editing rotations from Slack, for the admins named in configuration only:
/// <c>/support create &lt;name&gt; #channel key=value...</c> and <c>/support edit &lt;name&gt; key=value...</c>
/// (<c>members=@a,@b</c> adds people). Anything that does not parse is refused whole: nothing is half-applied.
/// </summary>
public sealed partial class RotationAdmin(
    RotationRepository rotations,
    RotationPlanning planning,
    IOptions<RotationsOptions> options,
    TimeProvider time)
{
    public const string MembersKey = "members";

    public bool IsAdmin(string userId) => options.Value.Admins.Contains(userId, StringComparer.Ordinal);

    public async Task<SupportOutcome> CreateAsync(string userId, string text, CancellationToken ct)
    {
        if (!IsAdmin(userId))
        {
            return SupportOutcome.Refused(NotAdmin);
        }

        var pairs = RotationSettingsText.ParsePairs(text, out var words);
        if (words.Count < 2 || !NamePattern().IsMatch(words[0]))
        {
            return SupportOutcome.Refused("Write `/support create <name> #channel key=value...`; the name is letters, digits and dashes, e.g. `/support create support #support shift=1h cadence=1/month members=@ann,@bo`.");
        }

        if (await rotations.FindAsync(words[0]) is not null)
        {
            return SupportOutcome.Refused($"There is already a rotation called *{words[0]}*; change it with `/support edit {words[0]} key=value`.");
        }

        RotationSettings settings;
        IReadOnlyList<string> members;
        try
        {
            var channel = RotationSettingsText.ParseChannel(words[1]);
            members = TakeMembers(pairs);
            settings = RotationSettingsText.Apply(new RotationSettings { Name = words[0], SupportChannel = channel, Owners = [userId] }, pairs);
            EnsureShiftLengthHonoured(settings, pairs);
        }
        catch (RotationSettingException ex)
        {
            return SupportOutcome.Refused($"Nothing created. {ex.Message}");
        }

        var planned = await planning.SetUpAndPlanAsync(async () =>
        {
            var now = time.GetUtcNow();
            var id = await rotations.UpsertAsync(settings, declared: false, now);
            foreach (var member in members)
            {
                await rotations.JoinAsync(id, member, now);
            }

            return members.Count == 0 ? null : settings with { Id = id };
        }, ct);
        var without = members.Where(m => !planned.Any(s => s.IsParticipant(m))).ToList();
        var withoutNote = without.Count == 0
            ? ""
            : $" No shifts for {ShiftText.Mentions(without)}: none of the support hours ({RotationSettingsText.FormatHours(settings.SupportHours)} {settings.TimeZone}) lies whole inside their working hours in their own time zone on a day that is not a holiday for them. They stay members; widen `hours=` or change their hours to give them shifts.";
        return new SupportOutcome(true, $"Created *{settings.Name}* for {ShiftText.Channel(settings.SupportChannel)}: {Describe(settings)}. {members.Count} member(s); {planned.Count} shift(s) planned.{withoutNote} People join with `/support join {settings.Name}`.");
    }

    public async Task<SupportOutcome> EditAsync(string userId, string text, CancellationToken ct)
    {
        if (!IsAdmin(userId))
        {
            return SupportOutcome.Refused(NotAdmin);
        }

        var pairs = RotationSettingsText.ParsePairs(text, out var words);
        if (words.Count != 1 || pairs.Count == 0)
        {
            return SupportOutcome.Refused($"Write `/support edit <name> key=value...`. Settings: {string.Join(", ", RotationSettingsText.Keys)}, {MembersKey}.");
        }

        var current = await rotations.FindAsync(words[0]);
        if (current is null)
        {
            return SupportOutcome.Refused($"There is no rotation called *{words[0]}*.");
        }

        RotationSettings changed;
        IReadOnlyList<string> members;
        try
        {
            members = TakeMembers(pairs);
            changed = RotationSettingsText.Apply(current, pairs);
            EnsureShiftLengthHonoured(changed, pairs);
        }
        catch (RotationSettingException ex)
        {
            return SupportOutcome.Refused($"Nothing changed. {ex.Message}");
        }

        var now = time.GetUtcNow();
        await rotations.UpsertAsync(changed, declared: false, now);
        foreach (var member in members)
        {
            await rotations.JoinAsync(current.Id, member, now);
        }

        var declaredNote = await rotations.IsDeclaredAsync(current.Id)
            ? " This rotation is declared in configuration: the next restart puts the configured settings back, so change them there too."
            : "";
        return new SupportOutcome(true, $"Updated *{changed.Name}*: {Describe(changed)}. Shifts planned from now on follow the new settings.{declaredNote}");
    }

    public static string Describe(RotationSettings s) =>
        string.Join(" ", RotationSettingDescriptors.All.Where(d => d.InSummary).Select(d => $"{d.Key}={d.Format(s)}"));

    /// <summary>A continuous rotation's shift is one hand-off's support hours, so a <c>shift=</c> given with it cannot be honoured.</summary>
    private static void EnsureShiftLengthHonoured(RotationSettings settings, List<KeyValuePair<string, string>> pairs)
    {
        if (settings.Cadence is Planning.ContinuousCadence && pairs.Any(p => RotationSettingDescriptors.Find(p.Key)?.Key == "shift"))
        {
            throw new RotationSettingException(
                $"`shift={pairs.Last(p => RotationSettingDescriptors.Find(p.Key)?.Key == "shift").Value}` can't be honoured with cadence={RotationSettingsText.FormatCadence(settings.Cadence)}: each continuous shift covers the day's support hours ({RotationSettingsText.FormatHours(settings.SupportHours)}) whole. Leave `shift=` out, or use a per-person cadence such as `cadence=1/week shift=1h`.");
        }
    }

    private const string NotAdmin = "Only rotation admins can create or edit rotations; nothing was changed. Ask one of them, or have your ID added under Rotations:Admins in the bot's configuration.";

    private static IReadOnlyList<string> TakeMembers(List<KeyValuePair<string, string>> pairs)
    {
        var members = pairs.Where(p => p.Key.Equals(MembersKey, StringComparison.OrdinalIgnoreCase)).SelectMany(p => RotationSettingsText.ParseUsers(p.Value)).ToList();
        pairs.RemoveAll(p => p.Key.Equals(MembersKey, StringComparison.OrdinalIgnoreCase));
        return members;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,39}$")]
    private static partial Regex NamePattern();
}
