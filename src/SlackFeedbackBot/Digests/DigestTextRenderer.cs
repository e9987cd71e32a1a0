using System.Globalization;
using System.Text;

namespace SlackFeedbackBot.Digests;

/// <summary>Plain text for terminals and logs (the CLI's <c>digest --text</c>).</summary>
public static class DigestTextRenderer
{
    public static string Render(Digest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var text = new StringBuilder();
        foreach (var line in digest.Sections.SelectMany(section => section.Text(digest)))
        {
            text.AppendLine(line);
        }
        return text.ToString();
    }

    /// <summary>The period as the reader's dates ("Mon 23 – Sun 29 Nov 2026"); as UTC times when it has no zone.</summary>
    internal static string PeriodRange(DigestPeriod period)
    {
        if (period.Zone is not { } zone)
        {
            return $"{period.From.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} to " +
                $"{period.To.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC";
        }

        var first = TimeZoneInfo.ConvertTime(period.From, zone).DateTime;
        var last = TimeZoneInfo.ConvertTime(period.To.AddTicks(-1), zone).DateTime;
        var start = first.Year != last.Year ? "ddd d MMM yyyy" : first.Month != last.Month ? "ddd d MMM" : "ddd d";
        var range = first.Date == last.Date
            ? last.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture)
            : $"{first.ToString(start, CultureInfo.InvariantCulture)} – {last.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture)}";
        return period.SoFar ? $"{range} (so far)" : range;
    }

    /// <summary>What the deltas compare with, named by the period's real length: "the previous week", "the previous 10 days".</summary>
    internal static string Comparison(DigestPeriod period)
    {
        if (period.SoFar)
        {
            return period.Kind == DigestPeriodKind.Week ? "the same days last week" : "the same days last month";
        }

        var wholeMonth = period.Kind == DigestPeriodKind.Month && period.Zone is { } zone
            && TimeZoneInfo.ConvertTime(period.From, zone).Day == 1
            && TimeZoneInfo.ConvertTime(period.To, zone) is var end && end.Day == 1 && end.Hour == 0
            && TimeZoneInfo.ConvertTime(period.From, zone).AddMonths(1).Date == end.Date;
        return period.Days switch
        {
            7 => "the previous week",
            _ when wholeMonth || period.Zone is null && period.Kind == DigestPeriodKind.Month => "the previous month",
            1 => "the day before",
            var days => $"the previous {days} days",
        };
    }
}
