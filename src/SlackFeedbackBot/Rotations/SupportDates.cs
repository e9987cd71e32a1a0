using System.Globalization;

namespace SlackFeedbackBot.Rotations;

/// <summary>
/// The few ways people write a day in Slack, read relative to "today" in their own time zone: ISO dates (2026-12-24),
/// month and day ("dec 24", "24 december"; the next one to come), "today", "tomorrow", "monday" / "next monday".
/// </summary>
public static class SupportDates
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly string[] Days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
    private static readonly HashSet<string> Separators = new(StringComparer.OrdinalIgnoreCase) { "to", "until", "till", "-", "–", "through" };

    public static bool TryParse(string text, DateOnly today, out DateOnly day)
    {
        day = default;
        var words = text.Trim().ToLowerInvariant().Replace(",", " ", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        switch (words)
        {
            case ["today"]:
                day = today;
                return true;
            case ["tomorrow"]:
                day = today.AddDays(1);
                return true;
            case [var iso] when DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed):
                day = parsed;
                return true;
            case ["next", var weekday] when WeekdayOf(weekday) is { } next:
                day = NextWeekday(today, next);
                return true;
            case [var weekday] when WeekdayOf(weekday) is { } plain:
                day = NextWeekday(today, plain);
                return true;
            case [var a, var b] when MonthOf(a) is { } month && DayNumber(b) is { } dayOfMonth:
                return TryNextDate(today, month, dayOfMonth, out day);
            case [var a, var b] when DayNumber(a) is { } dayOfMonth && MonthOf(b) is { } month:
                return TryNextDate(today, month, dayOfMonth, out day);
            default:
                return false;
        }
    }

    /// <summary>
    /// Reads "from to" out of free text: "2026-12-24 2026-12-31", "dec 24 to dec 31", "tomorrow next friday";
    /// a single day means just that day.
    /// </summary>
    public static bool TryParseRange(string text, DateOnly today, out DateOnly from, out DateOnly to)
    {
        from = to = default;
        var words = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return false;
        }

        if (TryParse(text, today, out from))
        {
            to = from;
            return true;
        }

        for (var split = 1; split < words.Length; split++)
        {
            var left = string.Join(' ', words[..split]);
            var rightWords = words[split..];
            if (rightWords.Length > 1 && Separators.Contains(rightWords[0]))
            {
                rightWords = rightWords[1..];
            }

            if (TryParse(left, today, out from) && TryParse(string.Join(' ', rightWords), today, out to))
            {
                return true;
            }
        }

        return false;
    }

    private static DayOfWeek? WeekdayOf(string word)
    {
        var index = word.Length >= 3 ? Array.IndexOf(Days, word[..3]) : -1;
        return index >= 0 && (word.Length == 3 || Enum.GetName((DayOfWeek)index)!.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            ? (DayOfWeek)index
            : null;
    }

    private static int? MonthOf(string word)
    {
        var index = word.Length >= 3 ? Array.IndexOf(Months, word[..3]) : -1;
        return index >= 0 && (word.Length == 3 || CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(index + 1).StartsWith(word, StringComparison.OrdinalIgnoreCase))
            ? index + 1
            : null;
    }

    private static int? DayNumber(string word)
    {
        var digits = word.TrimEnd('s', 't', 'n', 'd', 'r', 'h');
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 31 ? n : null;
    }

    private static DateOnly NextWeekday(DateOnly today, DayOfWeek weekday)
    {
        var ahead = ((int)weekday - (int)today.DayOfWeek + 7) % 7;
        return today.AddDays(ahead == 0 ? 7 : ahead);
    }

    private static bool TryNextDate(DateOnly today, int month, int dayOfMonth, out DateOnly day)
    {
        day = default;
        for (var year = today.Year; year <= today.Year + 1; year++)
        {
            if (dayOfMonth > DateTime.DaysInMonth(year, month))
            {
                continue;
            }

            var candidate = new DateOnly(year, month, dayOfMonth);
            if (candidate >= today)
            {
                day = candidate;
                return true;
            }
        }

        return false;
    }
}
