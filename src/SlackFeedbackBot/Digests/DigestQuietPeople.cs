using System.Globalization;

namespace SlackFeedbackBot.Digests;

/// <summary>A person the digest names, kindly, for not having heard a customer yet in the digest's month.</summary>
public sealed record QuietPerson(string UserId, string? DisplayName);

/// <summary>
/// Adds to the digest's input the people who have not heard a customer yet in the month the digest speaks of (the
/// month holding the period's last day, in the digest's zone, up to the period's end), with their Slack names.
/// </summary>
public sealed class DigestQuietPeople(ICustomerContactLookup contacts, DigestPeopleNames names)
{
    public async Task<DigestInput> AddAsync(DigestInput input, TimeZoneInfo zone, CancellationToken ct)
    {
        var (from, label) = MonthOf(input.Period, zone);
        var quiet = new List<QuietPerson>();
        foreach (var user in await contacts.NotHeardAsync(from, input.Period.To, ct))
        {
            quiet.Add(new QuietPerson(user, await names.NameOfAsync(user, ct)));
        }

        return input with { NotHeardThisMonth = quiet, MonthName = label };
    }

    /// <summary>The start of the month holding the period's last instant, and the month's name ("November").</summary>
    public static (DateTimeOffset Start, string Name) MonthOf(DigestPeriod period, TimeZoneInfo zone)
    {
        var last = TimeZoneInfo.ConvertTimeFromUtc(period.To.UtcDateTime.AddTicks(-1), zone);
        var first = new DateTime(last.Year, last.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var start = new DateTimeOffset(first, zone.GetUtcOffset(first));
        return (start, first.ToString("MMMM", CultureInfo.InvariantCulture));
    }
}
