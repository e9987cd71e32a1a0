using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Quartz;
using SlackFeedbackBot.Feedback;

namespace SlackFeedbackBot.Digests;

/// <summary>Only one bucket's or one product area's feedback (or everything, when both are null).</summary>
public sealed record DigestFilter(string? Bucket, string? ProductArea)
{
    public static DigestFilter None { get; } = new(null, null);
}

/// <summary>The rules every subscription follows, wherever it comes from (configuration or Slack): a channel id,
/// a known cadence, a real time zone, a valid cron expression and a filter naming a bucket or product area that exists.
/// Problems come back as one sentence a person can act on.</summary>
public sealed partial class DigestSubscriptionRules(FeedbackBuckets buckets, IOptions<ProductAreaOptions> areas)
{
    /// <summary>Reads a channel as Slack sends it (<c>&lt;#C123|name&gt;</c>, <c>&lt;#C123&gt;</c>, <c>&lt;C123|&gt;</c>) or a bare id.</summary>
    public static bool TryParseChannelId(string? typed, out string channelId)
    {
        var match = ChannelPattern().Match(typed?.Trim() ?? "");
        channelId = match.Success ? match.Groups["id"].Value : "";
        return match.Success;
    }

    /// <summary>A bucket (by id or name) or a product area (by id), or a problem listing what exists.</summary>
    public DigestFilter? ParseFilter(string? typed, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(typed))
        {
            return DigestFilter.None;
        }

        if (buckets.Find(typed) is { } bucket)
        {
            return new DigestFilter(bucket, null);
        }

        if (FindArea(typed) is { } area)
        {
            return new DigestFilter(null, area);
        }

        var knownAreas = AreaIds();
        problem = $"`{typed.Trim()}` is neither a bucket nor a product area. Buckets: {buckets.ValidList()}. "
            + (knownAreas.Count == 0 ? "No product areas are configured." : $"Product areas: {string.Join(", ", knownAreas.Select(a => $"`{a}`"))}.");
        return null;
    }

    public string? FindArea(string? typed) =>
        string.IsNullOrWhiteSpace(typed) ? null : AreaIds().FirstOrDefault(id => Key(id) == Key(typed));

    public static TimeZoneInfo? FindZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) ? zone : null;
    }

    /// <summary>Checks and normalizes a subscription. Returns it with the cadence's default cron when none is given.</summary>
    public DigestSubscription? Check(
        string channelId, string? cadence, string? timeZone, string? cron, string? bucket, string? productArea, out string? problem)
    {
        problem = null;
        if (!TryParseChannelId(channelId, out var channel))
        {
            problem = $"`{channelId}` is not a channel. Name it as a channel link (#channel in Slack) or by its id, e.g. `C0123456789`.";
            return null;
        }

        var parsedCadence = DigestCadence.Parse(cadence);
        if (parsedCadence is null)
        {
            problem = $"`{cadence}` is not a digest cadence. Use `weekly` or `monthly`.";
            return null;
        }

        if (FindZone(timeZone) is null)
        {
            problem = $"`{timeZone}` is not a time zone I know. Use an IANA name such as `Europe/Berlin` or `America/New_York`.";
            return null;
        }

        var schedule = string.IsNullOrWhiteSpace(cron) ? DigestCadence.DefaultCron(parsedCadence) : cron.Trim();
        if (!CronExpression.TryParse(schedule, out _))
        {
            problem = $"`{schedule}` is not a valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week), e.g. `{DigestCadence.WeeklyCron}`.";
            return null;
        }

        string? checkedBucket = null;
        if (!string.IsNullOrWhiteSpace(bucket))
        {
            checkedBucket = buckets.Find(bucket);
            if (checkedBucket is null)
            {
                problem = $"There is no bucket called `{bucket}`. Valid buckets: {buckets.ValidList()}.";
                return null;
            }
        }

        string? checkedArea = null;
        if (!string.IsNullOrWhiteSpace(productArea))
        {
            checkedArea = FindArea(productArea);
            if (checkedArea is null)
            {
                var known = AreaIds();
                problem = $"There is no product area called `{productArea}`. "
                    + (known.Count == 0 ? "No product areas are configured (section ProductAreas)." : $"Product areas: {string.Join(", ", known.Select(a => $"`{a}`"))}.");
                return null;
            }
        }

        return new DigestSubscription
        {
            ChannelId = channel,
            Cadence = parsedCadence,
            TimeZone = timeZone!.Trim(),
            Cron = schedule,
            Bucket = checkedBucket,
            ProductArea = checkedArea,
        };
    }

    private List<string> AreaIds() =>
        areas.Value.Areas.Select(a => a.Id.Trim()).Where(id => id.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static string Key(string value) => new(value.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    [GeneratedRegex(@"^(?:<#?(?<id>[CG][A-Z0-9]{2,})(?:\|[^>]*)?>|(?<id>[CG][A-Z0-9]{2,}))$", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelPattern();
}
