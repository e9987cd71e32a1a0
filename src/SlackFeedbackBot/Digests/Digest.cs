namespace SlackFeedbackBot.Digests;

/// <summary>A built digest: what the renderers show, already grouped, counted, filtered and cut to size.</summary>
public sealed record Digest
{
    public required DigestPeriod Period { get; init; }
    public string? ProductArea { get; init; }
    public required IReadOnlyList<BucketSection> Buckets { get; init; }
    public required TriageSummary Triage { get; init; }
    public required ResolvedSummary Resolved { get; init; }
    public required IReadOnlyList<ThresholdHit> Thresholds { get; init; }
    public int ThresholdsNotShown { get; init; }
    public required RotationSummary Rotation { get; init; }

    /// <summary>Issues declined for now ("not yet") that customers asked about again in the period.</summary>
    public NotYetSummary NotYet { get; init; } = NotYetSummary.None;
    public required ChartData Chart { get; init; }

    /// <summary>The sections that built it, in the order they are shown.</summary>
    public IReadOnlyList<IDigestSection> Sections { get; init; } = DigestSections.All;

    /// <summary>What sections that are not built in built for themselves, by type.</summary>
    public DigestSectionData SectionData { get; init; } = DigestSectionData.Empty;

    /// <summary>A digest of the period with nothing in it yet, for the sections to build on.</summary>
    public static Digest Empty(DigestPeriod period, string? productArea, IReadOnlyList<IDigestSection> sections) => new()
    {
        Period = period,
        ProductArea = productArea,
        Buckets = [],
        Triage = new TriageSummary(0, []),
        Resolved = new ResolvedSummary(0, 0, []),
        Thresholds = [],
        Rotation = new RotationSummary([]),
        Chart = new ChartData([], []),
        Sections = sections,
    };

    public int TotalReports => Buckets.Sum(bucket => bucket.Delta.Current);

    public string Title => ProductArea is null
        ? $"Feedback digest {Period.Label}"
        : $"Feedback digest {Period.Label}: {ProductArea}";
}

/// <summary>A bucket's count for the period against the previous one.</summary>
public sealed record BucketDelta(int Current, int Previous)
{
    public int Change => Current - Previous;

    /// <summary>"+3", "−2" (with a minus sign), "new" when the bucket was silent before, or "0".</summary>
    public string Text => Change switch
    {
        0 => "0",
        > 0 when Previous == 0 => "new",
        > 0 => $"+{Change}",
        _ => $"\u2212{-Change}",
    };
}

public sealed record BucketSection(
    string Id,
    string DisplayName,
    BucketDelta Delta,
    IReadOnlyList<KeyPhraseGroup> TopIssues,
    int IssuesNotShown);

public sealed record DigestItemLine(long Id, string Quote, string? Permalink)
{
    /// <summary>For resolved items: what was done.</summary>
    public string? Note { get; init; }
}

public sealed record TriageSummary(int Waiting, IReadOnlyList<DigestItemLine> Shown)
{
    public int NotShown => Waiting - Shown.Count;
}

public sealed record ResolvedSummary(int Items, int ReportersTold, IReadOnlyList<DigestItemLine> Shown)
{
    public string Sentence => Items == 0
        ? "No items were closed this period."
        : $"We closed the loop on {Plural.Of(Items, "item")}; {Plural.Of(ReportersTold, "reporter")} told.";
}

public sealed record RotationSummary(IReadOnlyList<ShiftSummary> People, IReadOnlyList<QuietPerson>? NotHeard = null, string MonthName = "")
{
    public IReadOnlyList<QuietPerson> NotHeardYet => NotHeard ?? [];

    public bool IsEmpty => People.Count == 0 && NotHeardYet.Count == 0;

    public int Served => People.Sum(person => person.Served);
    public int Missed => People.Sum(person => person.Missed);
    public int Swapped => People.Sum(person => person.Swapped);
    public int FeedbackCaptured => People.Sum(person => person.FeedbackCaptured);
}

/// <summary>Reports per bucket per week, oldest week first; <see cref="Series"/> values line up with <see cref="Weeks"/>.</summary>
public sealed record ChartData(IReadOnlyList<DateOnly> Weeks, IReadOnlyList<ChartSeries> Series)
{
    public bool IsEmpty => Weeks.Count == 0 || Series.All(series => series.Counts.All(count => count == 0));
}

public sealed record ChartSeries(string Bucket, string DisplayName, IReadOnlyList<int> Counts);

/// <summary>"Not yet" issues heard again: how often and by how many customers in the period.</summary>
public sealed record NotYetSummary(IReadOnlyList<NotYetLine> Shown, int NotShown)
{
    public static NotYetSummary None { get; } = new([], 0);

    public bool IsEmpty => Shown.Count == 0;
}

public sealed record NotYetLine(long Id, string Quote, string? Permalink, int Reports, int Customers)
{
    public string Counts => Customers == 0
        ? Plural.Of(Reports, "report")
        : $"{Plural.Of(Reports, "report")}, {Plural.Of(Customers, "customer")}";
}
