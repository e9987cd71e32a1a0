using System.Diagnostics.CodeAnalysis;

namespace SlackFeedbackBot.Rotations.Planning;

/// <summary>Looks up IANA time zones without letting a typo surface as an exception.</summary>
internal static class ZoneCatalog
{
    public static bool TryFind(string timeZoneId, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(timeZoneId))
            return false;
        return TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out zone);
    }

    public static TimeZoneInfo Find(string timeZoneId) =>
        TryFind(timeZoneId, out var zone) ? zone : throw new RotationValidationException([$"'{timeZoneId}' is not a known IANA time zone."]);
}
