using System.Globalization;
using System.Text.RegularExpressions;

namespace SlackFeedbackBot.Slack.Configuration;

/// <summary>
/// The one way durations are written in settings: <c>1d</c>, <c>1h</c>, <c>10m</c>, <c>90s</c>, <c>500ms</c>, combined
/// like <c>1h30m</c>, or a clock <c>hh:mm:ss</c> / <c>d.hh:mm:ss</c>. A bare number is refused: "10" would be days as a
/// TimeSpan and minutes to a reader.
/// </summary>
public static partial class Duration
{
    public const string Syntax = "write it like 1d, 1h, 10m, 90s, 500ms or 1h30m, or as hh:mm:ss (d.hh:mm:ss with days)";

    // hh:mm:ss and d.hh:mm:ss, each with an optional fraction; h:mm:ss too. Exact, so 25:00:00 or 1:2 is no duration.
    private static readonly string[] ClockFormats =
    [
        @"hh\:mm\:ss", @"hh\:mm\:ss\.FFFFFFF", @"h\:mm\:ss", @"h\:mm\:ss\.FFFFFFF",
        @"d\.hh\:mm\:ss", @"d\.hh\:mm\:ss\.FFFFFFF", @"d\.h\:mm\:ss", @"d\.h\:mm\:ss\.FFFFFFF",
    ];

    public static TimeSpan Parse(string? text) =>
        TryParse(text, out var value) ? value : throw new FormatException(Describe(text));

    /// <summary>Why <paramref name="text"/> is not a duration, fit to show.</summary>
    public static string Describe(string? text) => string.IsNullOrWhiteSpace(text)
        ? $"a duration is needed; {Syntax}"
        : $"\"{Shown(text)}\" is not a duration; {Syntax}";

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return false;
        }

        if (trimmed == "0")
        {
            return true;
        }

        var negative = trimmed.StartsWith('-');
        var units = trimmed[(negative ? 1 : 0)..];
        if (units.Contains(':'))
        {
            if (!TimeSpan.TryParseExact(units, ClockFormats, CultureInfo.InvariantCulture, out value))
            {
                return false;
            }

            value = negative ? value.Negate() : value;
            return true;
        }

        var whole = Units().Match(units);
        if (!whole.Success)
        {
            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        decimal ticks = 0;
        foreach (Capture part in whole.Groups["part"].Captures)
        {
            var unitMatch = Part().Match(part.Value);
            var unit = unitMatch.Groups["unit"].Value.ToLowerInvariant();
            if (!seen.Add(unit))
            {
                return false;
            }

            if (!decimal.TryParse(unitMatch.Groups["amount"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
                || amount > TimeSpan.MaxValue.Ticks / TicksPer(unit))
            {
                return false;
            }

            ticks += amount * TicksPer(unit);
        }

        if (ticks > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)decimal.Round(ticks));
        if (negative)
        {
            value = value.Negate();
        }

        return true;
    }

    /// <summary>The shortest text <see cref="Parse"/> reads back as <paramref name="value"/>: 1h, 90s, 2.5s, 1h30m.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0";
        }

        var sign = value < TimeSpan.Zero ? "-" : "";
        var rest = value.Duration();
        var text = sign;
        foreach (var (unit, size) in new[] { ("d", TimeSpan.TicksPerDay), ("h", TimeSpan.TicksPerHour), ("m", TimeSpan.TicksPerMinute) })
        {
            if (rest.Ticks >= size)
            {
                text += $"{rest.Ticks / size}{unit}";
                rest = TimeSpan.FromTicks(rest.Ticks % size);
            }
        }

        if (rest == TimeSpan.Zero)
        {
            return text;
        }

        return rest.Ticks % TimeSpan.TicksPerMillisecond == 0 && rest < TimeSpan.FromSeconds(1)
            ? text + $"{rest.Ticks / TimeSpan.TicksPerMillisecond}ms"
            : text + ((decimal)rest.Ticks / TimeSpan.TicksPerSecond).ToString("0.#######", CultureInfo.InvariantCulture) + "s";
    }

    private static long TicksPer(string unit) => unit switch
    {
        "d" => TimeSpan.TicksPerDay,
        "h" => TimeSpan.TicksPerHour,
        "m" => TimeSpan.TicksPerMinute,
        "s" => TimeSpan.TicksPerSecond,
        _ => TimeSpan.TicksPerMillisecond,
    };

    private static string Shown(string text)
    {
        var trimmed = text.Trim();
        var printable = new string(trimmed.Where(c => !char.IsControl(c)).Take(40).ToArray());
        return trimmed.Length > 40 ? printable + "…" : printable;
    }

    [GeneratedRegex(@"^(?<part>\d+(?:\.\d+)?(?:ms|d|h|m|s))+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Units();

    [GeneratedRegex(@"^(?<amount>\d+(?:\.\d+)?)(?<unit>ms|d|h|m|s)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
