using System.Collections.Immutable;

namespace SlackFeedbackBot.Digests;

public enum DigestPeriodKind
{
    Week,
    Month,
}

/// <summary>
/// A digest's reporting window, <c>[From, To)</c> in UTC, with the label people see ("2026-W48", "2026-11").
/// <paramref name="Zone"/> is the zone its days are counted in (shown as dates in it); <paramref name="SoFar"/> marks a
/// week or month that has not ended yet (it ends "now" and is compared with the same days of the period before).
/// </summary>
public sealed record DigestPeriod(DateTimeOffset From, DateTimeOffset To, string Label, DigestPeriodKind Kind, TimeZoneInfo? Zone = null, bool SoFar = false)
{
    public bool Contains(DateTimeOffset instant) => instant >= From && instant < To;

    /// <summary>How many local days it spans (a week across a DST change is still 7).</summary>
    public int Days => (int)Math.Round((To - From).TotalHours / 24, MidpointRounding.AwayFromZero);
}

/// <summary>One conversation in which a customer raised an item ("me too" is another report, with its own customer).
/// <paramref name="At"/> is when it was made; reports without it count in the period their item was created in.</summary>
public sealed record DigestReport(string? Customer, string? ReporterId = null, DateTimeOffset? At = null);

/// <summary>A feedback item as the digest sees it; the feedback repository fills these.</summary>
public sealed record DigestItem
{
    public required long Id { get; init; }
    public required string Bucket { get; init; }
    public required string Text { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The customer of the first report.</summary>
    public string? Customer { get; init; }

    /// <summary>Slack users who passed the feedback on.</summary>
    public IReadOnlyList<string> ReporterIds { get; init; } = [];

    /// <summary>Every conversation behind the item. When empty, <see cref="ReportCount"/> and <see cref="Customer"/> stand in.</summary>
    public IReadOnlyList<DigestReport> Reports { get; init; } = [];

    /// <summary>How many conversations raised it, for callers that keep only a count.</summary>
    public int ReportCount { get; init; } = 1;

    public DateTimeOffset? ResolvedAt { get; init; }
    public string? ResolutionNote { get; init; }
    public int ReportersTold { get; init; }
    public string? ProductArea { get; init; }
    public string? Permalink { get; init; }

    /// <summary>Set when the item was heard on a support shift.</summary>
    public string? ShiftKey { get; init; }

    /// <summary>open, planned, not_yet or resolved (see the Feedback feature).</summary>
    public string Status { get; init; } = "open";

    /// <summary>A reporter's answer to "How important is this to you, and why?", when one was given.</summary>
    public string? Why { get; init; }

    public int TotalReports => Reports.Count > 0 ? Reports.Count : Math.Max(1, ReportCount);

    /// <summary>True when its reports carry their own times, so they are counted in the period they were made.</summary>
    public bool HasTimedReports => Reports.Count > 0 && Reports.All(report => report.At is not null);

    /// <summary>
    /// The item as heard in <paramref name="period"/>: only the reports made in it (an old item heard again counts with
    /// this period's reports and customers), or null when it was not heard then. Items without report times are heard in
    /// the period they were created in, with all their reports.
    /// </summary>
    public DigestItem? HeardIn(DigestPeriod period)
    {
        if (!HasTimedReports)
        {
            return period.Contains(CreatedAt) ? this : null;
        }
        var reports = Reports.Where(report => period.Contains(report.At!.Value)).ToList();
        return reports.Count == 0 ? null : this with
        {
            Reports = reports,
            Customer = null,
            ReporterIds = reports.Select(report => report.ReporterId).OfType<string>().Distinct(StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>How many of its reports were made in <paramref name="period"/>.</summary>
    public int ReportsIn(DigestPeriod? period) => period is null ? 0 : HeardIn(period)?.TotalReports ?? 0;

    /// <summary>Distinct customer names (trimmed, case-insensitive) across the item and its reports.</summary>
    public IEnumerable<string> Customers =>
        Reports.Select(report => report.Customer)
            .Prepend(Customer)
            .Where(customer => !string.IsNullOrWhiteSpace(customer))
            .Select(customer => customer!.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase);
}

/// <summary>A rotation member's record for the period.</summary>
public sealed record ShiftSummary(string UserId, int Served, int Missed, int Swapped, int FeedbackCaptured)
{
    public string? DisplayName { get; init; }
}

/// <summary>An escalation threshold that an item reached during the period ("heard 10 times").</summary>
public sealed record ThresholdHit(string Description, long ItemId, DateTimeOffset ReachedAt)
{
    public string? ProductArea { get; init; }
    public string? Permalink { get; init; }
}

/// <summary>How many reports a bucket had in some window, split by product area so that a filtered digest stays consistent.</summary>
public sealed record BucketCount(string Bucket, int Count, string? ProductArea = null);

/// <summary>Reports per bucket in the week starting <paramref name="WeekStart"/>, for the chart.</summary>
public sealed record WeeklyBucketCount(DateOnly WeekStart, string Bucket, int Count, string? ProductArea = null);

/// <summary>A bucket as the digest shows it. <paramref name="TriggerPhrases"/> are the classifier's phrases for it
/// ("how do i", "can you"), whose words are dropped before grouping because every item of the bucket shares them.</summary>
public sealed record DigestBucket(string Id, string DisplayName, IReadOnlyList<string> TriggerPhrases)
{
    public const string UnclassifiedId = "unclassified";
}

/// <summary>How much a digest shows.</summary>
public sealed record DigestSettings
{
    public int TopIssuesPerBucket { get; init; } = 5;
    public int UnclassifiedShown { get; init; } = 5;
    public int QuoteMaxLength { get; init; } = 200;
    public int ThresholdsShown { get; init; } = 10;
    public int ResolvedShown { get; init; } = 5;
    public int NotYetShown { get; init; } = 5;

    /// <summary>How many weeks the chart covers (8 to 12 read well).</summary>
    public int ChartWeeks { get; init; } = 12;
}

/// <summary>Everything one digest is built from. Items are those heard (given reports) in <see cref="Period"/>, whenever
/// they were created, each with its reports of the period.</summary>
public sealed record DigestInput
{
    public required DigestPeriod Period { get; init; }

    /// <summary>The period the changes per issue are measured against; none, no change is shown.</summary>
    public DigestPeriod? PreviousPeriod { get; init; }

    /// <summary>Names that say nothing about what was asked (customers, people), left out when grouping.</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>Buckets in display order, with their names and trigger phrases. Buckets seen only in the data follow, by id.</summary>
    public IReadOnlyList<DigestBucket> Buckets { get; init; } = [];

    public IReadOnlyList<DigestItem> Items { get; init; } = [];

    /// <summary>Items heard in <see cref="PreviousPeriod"/>, with its reports: what each issue's change is measured against.</summary>
    public IReadOnlyList<DigestItem> PreviousItems { get; init; } = [];
    public IReadOnlyList<BucketCount> PreviousCounts { get; init; } = [];

    /// <summary>Items resolved during the period (whenever they were created).</summary>
    public IReadOnlyList<DigestItem> Resolved { get; init; } = [];

    /// <summary>Unclassified items nobody has triaged yet.</summary>
    public IReadOnlyList<DigestItem> NewUnclassified { get; init; } = [];

    public IReadOnlyList<ThresholdHit> Thresholds { get; init; } = [];
    public IReadOnlyList<ShiftSummary> Shifts { get; init; } = [];
    public IReadOnlyList<WeeklyBucketCount> WeeklyCounts { get; init; } = [];

    /// <summary>The weeks the chart shows (see <see cref="DigestPeriods.ChartWeeks"/>). When empty, the chart ends at the
    /// latest week found in <see cref="WeeklyCounts"/>.</summary>
    public IReadOnlyList<DateOnly> ChartWeeks { get; init; } = [];

    /// <summary>When set, only this product area's feedback is shown (the rotation summary is company-wide and stays).</summary>
    public string? ProductArea { get; init; }

    public DigestSettings Settings { get; init; } = new();

    /// <summary>Rotation members who have not heard a customer yet in <see cref="MonthName"/> (<see cref="DigestQuietPeople"/>).</summary>
    public IReadOnlyList<QuietPerson> NotHeardThisMonth { get; init; } = [];

    public string MonthName { get; init; } = "";

    /// <summary>What sections that are not built in loaded for themselves, by type.</summary>
    public DigestSectionData SectionData { get; init; } = DigestSectionData.Empty;

    /// <summary>True for feedback of the digest's product area (all feedback when it has none).</summary>
    public bool InArea(string? area) => ProductArea is null || string.Equals(area, ProductArea, StringComparison.OrdinalIgnoreCase);

    /// <summary>The items heard in the period in the digest's area, each with its reports of the period only: old items
    /// heard again count with this period's reports; nothing else of theirs is counted.</summary>
    public List<DigestItem> HeardInArea() =>
        Items.Where(item => InArea(item.ProductArea)).Select(item => item.HeardIn(Period)).OfType<DigestItem>().ToList();
}

/// <summary>Facts a section keeps for itself, one value per type, so a new section adds no field to the digest's records.</summary>
public sealed class DigestSectionData
{
    private readonly ImmutableDictionary<Type, object> _values;

    private DigestSectionData(ImmutableDictionary<Type, object> values) => _values = values;

    public static DigestSectionData Empty { get; } = new(ImmutableDictionary<Type, object>.Empty);

    public T? Get<T>() where T : class => _values.TryGetValue(typeof(T), out var value) ? (T)value : null;

    public DigestSectionData With<T>(T value) where T : class => new(_values.SetItem(typeof(T), value));
}
