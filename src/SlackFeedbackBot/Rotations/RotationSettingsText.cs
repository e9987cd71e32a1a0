using System.Globalization;
using System.Text.RegularExpressions;
using SlackFeedbackBot.Rotations.Planning;
using SlackFeedbackBot.Slack.Configuration;

namespace SlackFeedbackBot.Rotations;

/// <summary>A setting given as text (configuration or <c>/support edit key=value</c>) that does not parse; the message is fit to show.</summary>
public sealed class RotationSettingException(string message) : Exception(message);

/// <summary>
/// The one text form of every rotation setting, shared by configuration and Slack commands, so the same
/// words work in both: <c>hours=09:00-17:00 days=mon-fri shift=1h cadence=1/month reminders=24h,1h,10m</c>.
/// </summary>
public static partial class RotationSettingsText
{
    public static IReadOnlyList<string> Keys => RotationSettingDescriptors.Keys;

    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    /// <summary>Applies key=value settings on top of <paramref name="current"/>; every problem is reported at once.</summary>
    public static RotationSettings Apply(RotationSettings current, IEnumerable<KeyValuePair<string, string>> values)
    {
        var problems = new List<string>();
        var settings = current;
        foreach (var (rawKey, value) in values)
        {
            var key = rawKey.Trim().ToLowerInvariant();
            try
            {
                var descriptor = RotationSettingDescriptors.Find(key)
                    ?? throw new RotationSettingException($"`{rawKey}` is not a setting. Settings: {string.Join(", ", Keys)}.");
                settings = descriptor.Apply(settings, value);
            }
            catch (RotationSettingException ex)
            {
                problems.Add(ex.Message);
            }
        }

        if (settings.NudgeAfter >= settings.EscalateAfter)
        {
            problems.Add("The nudge has to come before the owners are told (nudge < escalate).");
        }

        if (problems.Count > 0)
        {
            throw new RotationSettingException(string.Join(" ", problems));
        }

        return settings;
    }

    /// <summary>Splits <c>a=b c="d e"</c> into pairs; words without '=' are returned as <paramref name="rest"/>.</summary>
    public static List<KeyValuePair<string, string>> ParsePairs(string text, out List<string> rest)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        rest = [];
        foreach (Match match in PairPattern().Matches(text))
        {
            if (match.Groups["key"].Success)
            {
                var value = match.Groups["quoted"].Success ? match.Groups["quoted"].Value : match.Groups["value"].Value;
                pairs.Add(new(match.Groups["key"].Value, value));
            }
            else
            {
                rest.Add(match.Value);
            }
        }

        return pairs;
    }

    public static string ParseChannel(string value)
    {
        var trimmed = value.Trim();
        var mention = ChannelMention().Match(trimmed);
        if (mention.Success)
        {
            return mention.Groups["id"].Value;
        }

        if (IdPattern().IsMatch(trimmed) && trimmed[0] is 'C' or 'G')
        {
            return trimmed;
        }

        throw new RotationSettingException($"`{value}` is not a channel: pick it with #, e.g. #support.");
    }

    public static IReadOnlyList<string> ParseUsers(string value)
    {
        var users = new List<string>();
        foreach (var part in value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            users.Add(ParseUser(part));
        }

        return users.Distinct(StringComparer.Ordinal).ToList();
    }

    public static string ParseUser(string value)
    {
        var trimmed = value.Trim();
        var mention = UserMention().Match(trimmed);
        if (mention.Success)
        {
            return mention.Groups["id"].Value;
        }

        if (IdPattern().IsMatch(trimmed) && trimmed[0] is 'U' or 'W')
        {
            return trimmed;
        }

        throw new RotationSettingException($"`{value}` is not a person: mention them with @.");
    }

    public static string ParseZone(string value)
    {
        var trimmed = value.Trim();
        if (TimeZoneInfo.TryFindSystemTimeZoneById(trimmed, out _))
        {
            return trimmed;
        }

        throw new RotationSettingException($"`{value}` is not a time zone; use an IANA name such as Europe/Berlin.");
    }

    public static int ParseCount(string value) =>
        int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= 20
            ? count
            : throw new RotationSettingException($"`{value}` is not a number of people between 1 and 20.");

    public static bool ParseSwitch(string value) => value.Trim().ToLowerInvariant() switch
    {
        "on" or "yes" or "true" => true,
        "off" or "no" or "false" => false,
        _ => throw new RotationSettingException($"`{value}` should be on or off."),
    };

    /// <summary>A duration written as in every setting (<see cref="Duration"/>): "24h", "10m", "1d", "1h30m", "01:00:00".</summary>
    public static TimeSpan ParseDuration(string value) =>
        Duration.TryParse(value, out var span) ? span : throw new RotationSettingException($"`{value}` is not a duration; write it like 1h, 30m, 1d or 1h30m.");

    public static TimeSpan ParsePositiveDuration(string value)
    {
        var span = ParseDuration(value);
        return span > TimeSpan.Zero ? span : throw new RotationSettingException($"`{value}` has to be longer than zero.");
    }

    public static IReadOnlyList<TimeSpan> ParseDurations(string value)
    {
        if (IsNone(value))
        {
            return [];
        }

        return value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(ParsePositiveDuration).Distinct().OrderDescending().ToList();
    }

    /// <summary>"1/month", "2/quarter", "1/week", "continuous/daily", "continuous/weekly".</summary>
    public static RotationCadence ParseCadence(string value)
    {
        var parts = value.Trim().ToLowerInvariant().Split('/', StringSplitOptions.TrimEntries);
        if (parts.Length == 2 && parts[0] == "continuous")
        {
            return parts[1] switch
            {
                "daily" => new ContinuousCadence(HandoffInterval.Daily),
                "weekly" => new ContinuousCadence(HandoffInterval.Weekly),
                _ => throw new RotationSettingException($"`{value}`: continuous rotations hand off daily or weekly."),
            };
        }

        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1)
        {
            var period = parts[1] switch
            {
                "week" => CadencePeriod.Week,
                "month" => CadencePeriod.Month,
                "quarter" => CadencePeriod.Quarter,
                _ => (CadencePeriod?)null,
            };
            if (period is { } p)
            {
                return new PerMemberCadence(count, p);
            }
        }

        throw new RotationSettingException($"`{value}` is not a cadence; write 1/month, 2/quarter, 1/week, continuous/daily or continuous/weekly.");
    }

    public static string FormatCadence(RotationCadence cadence) => cadence switch
    {
        PerMemberCadence p => $"{p.ShiftsPerPeriod}/{p.Period.ToString().ToLowerInvariant()}",
        ContinuousCadence c => $"continuous/{c.Handoff.ToString().ToLowerInvariant()}",
        _ => cadence.ToString(),
    };

    /// <summary>"09:00-17:00" (local wall clock; "22:00-06:00" runs past midnight).</summary>
    public static DailyHours ParseHours(string value)
    {
        var parts = value.Trim().Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && TimeOnly.TryParseExact(parts[0], ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            && TimeOnly.TryParseExact(parts[1], ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
        {
            return new DailyHours(start, end);
        }

        throw new RotationSettingException($"`{value}` is not a span of hours; write it like 09:00-17:00.");
    }

    public static string FormatHours(DailyHours hours) =>
        $"{hours.Start.ToString("HH:mm", CultureInfo.InvariantCulture)}-{hours.End.ToString("HH:mm", CultureInfo.InvariantCulture)}";

    /// <summary>"mon-fri", "mon,wed,fri", "sun-thu".</summary>
    public static IReadOnlySet<DayOfWeek> ParseDays(string value)
    {
        var days = new HashSet<DayOfWeek>();
        foreach (var part in value.ToLowerInvariant().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-', StringSplitOptions.TrimEntries);
            var first = DayIndex(range[0], value);
            var last = range.Length == 2 ? DayIndex(range[1], value) : first;
            if (range.Length > 2)
            {
                throw new RotationSettingException($"`{value}` is not a list of days; write mon-fri or mon,wed,fri.");
            }

            for (var d = first; ; d = (d + 1) % 7)
            {
                days.Add((DayOfWeek)d);
                if (d == last)
                {
                    break;
                }
            }
        }

        return days.Count > 0 ? days : throw new RotationSettingException("At least one working day is needed.");
    }

    public static string FormatDays(IReadOnlySet<DayOfWeek> days) =>
        string.Join(",", Enumerable.Range(1, 7).Select(i => (DayOfWeek)(i % 7)).Where(days.Contains).Select(d => DayNames[(int)d]));

    public static IReadOnlySet<DateOnly> ParseHolidays(string value)
    {
        if (IsNone(value))
        {
            return new HashSet<DateOnly>();
        }

        var days = new HashSet<DateOnly>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!DateOnly.TryParseExact(part, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                throw new RotationSettingException($"`{part}` is not a date; write holidays like 2026-12-24,2026-12-25.");
            }

            days.Add(day);
        }

        return days;
    }

    public static string FormatHolidays(IReadOnlySet<DateOnly> days) =>
        string.Join(",", days.Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    /// <summary>An ISO country code whose public holidays the <c>PublicHoliday</c> package knows, or none.</summary>
    public static string? ParseCountry(string value)
    {
        if (IsNone(value))
        {
            return null;
        }

        if (value.Trim().Equals(RotationDefinition.CountryOfEachZone, StringComparison.OrdinalIgnoreCase))
        {
            return RotationDefinition.CountryOfEachZone;
        }

        var code = value.Trim().ToUpperInvariant();
        return PublicHolidayCalendar.Supports(code)
            ? code
            : throw new RotationSettingException($"`{value}` is not a country with known public holidays; use one of {string.Join(", ", PublicHolidayCalendar.Countries)}, auto (the country of each person's time zone) or none.");
    }

    public static string FormatDuration(TimeSpan span)
    {
        if (span.TotalMinutes % (24 * 60) == 0 && span.TotalDays >= 2)
        {
            return $"{span.TotalDays:0}d";
        }

        if (span.TotalMinutes % 60 == 0)
        {
            return $"{span.TotalHours:0}h";
        }

        return span.TotalMinutes >= 60 ? $"{(int)span.TotalHours}h{span.Minutes}m" : $"{span.TotalMinutes:0}m";
    }

    public static string FormatDurations(IEnumerable<TimeSpan> spans) => string.Join(",", spans.Select(FormatDuration));

    private static int DayIndex(string name, string whole)
    {
        var key = name.Length >= 3 ? name[..3] : name;
        var index = Array.IndexOf(DayNames, key);
        return index >= 0 ? index : throw new RotationSettingException($"`{whole}` is not a list of days; write mon-fri or mon,wed,fri.");
    }

    internal static bool IsNone(string value) => value.Trim().ToLowerInvariant() is "" or "none" or "off" or "-";

    [GeneratedRegex("""(?<key>[A-Za-z]+)=(?:"(?<quoted>[^"]*)"|(?<value>\S*))|\S+""")]
    private static partial Regex PairPattern();

    [GeneratedRegex(@"^<#(?<id>[CG][A-Z0-9]+)(\|[^>]*)?>$")]
    private static partial Regex ChannelMention();

    [GeneratedRegex(@"^<@(?<id>[UW][A-Z0-9]+)(\|[^>]*)?>$")]
    private static partial Regex UserMention();

    [GeneratedRegex("^[A-Z][A-Z0-9]{2,}$")]
    private static partial Regex IdPattern();
}
