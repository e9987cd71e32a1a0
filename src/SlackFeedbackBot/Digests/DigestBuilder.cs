using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Digests;

/// <summary>
/// Makes a digest from its sections (<see cref="IDigestSection"/>): loads the feedback heard in the period once for all
/// of them, lets each section load what it alone shows, then has each build its part. Building is pure: the same input
/// always gives the same digest.
/// </summary>
public sealed class DigestBuilder
{
    private readonly IReadOnlyList<IDigestSection> _sections;
    private readonly DigestSources? _sources;

    /// <summary>The built-in sections, for building from an input at hand.</summary>
    public DigestBuilder()
        : this(DigestSections.All)
    {
    }

    public DigestBuilder(IEnumerable<IDigestSection> sections, DigestSources? sources = null)
    {
        _sections = sections.ToList();
        _sources = sources;
    }

    public IReadOnlyList<IDigestSection> Sections => _sections;

    /// <summary>
    /// Everything the digest for <paramref name="query"/> is built from. Feedback comes from the Feedback feature's query
    /// API: the reports made in the period and the one before, each with its issue (two batched queries for all sections);
    /// each section then loads what it alone shows. With <paramref name="people"/>, people are named from Slack.
    /// </summary>
    public async Task<DigestInput> LoadAsync(DigestQuery query, CancellationToken ct, DigestPeople? people = null, DigestSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sources = _sources ?? throw new InvalidOperationException("This digest builder has no sources to load from; register DigestSources.");
        var load = new DigestLoad(query, settings ?? new DigestSettings(), sources) { People = people };
        var input = Heard(load);
        foreach (var section in _sections)
        {
            input = await section.LoadAsync(load, input, ct);
        }
        return input;
    }

    public Digest Build(DigestInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var digest = Digest.Empty(input.Period, input.ProductArea, _sections);
        foreach (var section in _sections)
        {
            digest = section.Build(input, digest);
        }
        return digest;
    }

    /// <summary>The issues heard in the period and the one before, with those reports: what most sections show.</summary>
    private static DigestInput Heard(DigestLoad load)
    {
        var (query, feedback) = (load.Query, load.Sources.Feedback);
        var (current, previous) = (query.Period, query.Previous);
        var from = previous.From < current.From ? previous.From : current.From;
        var reports = feedback.ReportsByIssue(from, current.To, load.Filter);
        var issues = feedback.Issues(reports.Select(report => report.IssueId)).ToDictionary(issue => issue.Id);
        var items = reports.GroupBy(report => report.IssueId)
            .Where(group => issues.ContainsKey(group.Key))
            .Select(group => ToItem(issues[group.Key], group))
            .OrderBy(item => item.CreatedAt).ThenBy(item => item.Id)
            .ToList();
        var heardBefore = items.Select(item => item.HeardIn(previous)).OfType<DigestItem>().ToList();
        return new DigestInput
        {
            Period = current,
            PreviousPeriod = previous,
            Buckets = load.Sources.Buckets.For(query.Filter),
            Items = items.Select(item => item.HeardIn(current)).OfType<DigestItem>().ToList(),
            PreviousItems = heardBefore,
            Names = items.SelectMany(item => item.Customers).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            PreviousCounts = heardBefore
                .GroupBy(item => (item.Bucket, item.ProductArea))
                .Select(group => new BucketCount(group.Key.Bucket, group.Sum(item => item.TotalReports), group.Key.ProductArea))
                .ToList(),
            ProductArea = query.Filter.ProductArea,
            Settings = load.Settings,
        };
    }

    /// <summary>An issue as the digest sees it, with the reports given.</summary>
    internal static DigestItem ToItem(IssueSummary issue, IEnumerable<IssueReport> reports)
    {
        var list = reports.Select(report => new DigestReport(report.Customer, report.ReporterId, report.CreatedAt)).ToList();
        return new DigestItem
        {
            Id = issue.Id,
            Bucket = issue.Bucket,
            Text = issue.Text,
            Status = issue.Status,
            CreatedAt = issue.CreatedAt,
            Customer = issue.Customer,
            ReporterIds = list.Select(r => r.ReporterId).Prepend(issue.ReporterId).OfType<string>().Distinct(StringComparer.Ordinal).ToList(),
            Reports = list,
            ProductArea = issue.ProductArea,
            Permalink = issue.Permalink,
            ShiftKey = issue.ShiftKey,
            ResolvedAt = issue.ResolvedAt,
            ResolutionNote = issue.Resolution,
            ReportersTold = issue.ReportersTold,
            Why = issue.Why,
        };
    }

    internal static bool SameBucket(string left, string right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);

    /// <summary>A line for an item: its words cut to the quote length, its link, and what was done when there is a note.</summary>
    internal static DigestItemLine Line(DigestItem item, DigestSettings settings, string? note = null) =>
        new(item.Id, SlackText.Excerpt(item.Text, settings.QuoteMaxLength), item.Permalink)
        {
            Note = string.IsNullOrWhiteSpace(note) ? null : SlackText.Excerpt(note, settings.QuoteMaxLength),
        };
}
