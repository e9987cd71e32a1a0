using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Text;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Feedback;

/// <summary>What became of a capture: stored (new, or another report on the same message), or refused with a reason.</summary>
public sealed record CaptureOutcome(FeedbackItem? Item, bool IsNew, bool ReportAdded, string? Problem)
{
    public bool Stored => Item is not null;

    /// <summary>Where the item stands against its threshold after this capture (set for stored captures).</summary>
    public ThresholdStanding? Standing { get; init; }
    /// <summary>The open issue a new item looks like ("Looks like #12"), for the capture reply to offer; null when none.</summary>
    public Issues.IssueOffer? Offer { get; init; }

    public static CaptureOutcome Refused(string problem) => new(null, false, false, problem);
}

/// <summary>The answer to a request about one item: the item when it worked, else a sentence saying why not.</summary>
public sealed record ItemOutcome(FeedbackItem? Item, string? Problem)
{
    /// <summary>Set when the request repeated what was already recorded, so nothing changed.</summary>
    public bool AlreadyRecorded { get; init; }

    public static ItemOutcome Failed(string problem) => new(null, problem);
}

/// <summary>An item with everything said and done about it.</summary>
public sealed record FeedbackDetails(FeedbackItem Item, IReadOnlyList<FeedbackReport> Reports, IReadOnlyList<BucketChange> BucketChanges, FollowUp? FollowUp)
{
    /// <summary>The latest move between statuses (who, when, why), when the item ever moved.</summary>
    public StatusChange? LatestStatusChange { get; init; }
    /// <summary>The items merged into this one (it is their issue's root), with their report counts.</summary>
    public IReadOnlyList<FeedbackItem> MergedItems { get; init; } = [];

    /// <summary>Merges and unmerges involving the item, oldest first.</summary>
    public IReadOnlyList<Issues.IssueMerge> Merges { get; init; } = [];
}

/// <summary>
/// The feedback domain: capture (validate, classify, tag with the shift, store, check thresholds), reclassify,
/// "me too", edits and deletions of captured messages, follow-up answers, listing and search.
/// </summary>
public sealed class FeedbackService(
    FeedbackRepository repository,
    ISpotlightClassifier classifier,
    FeedbackBuckets buckets,
    ICurrentShiftLookup shifts,
    FeedbackAlerts alerts,
    IOptions<FeedbackOptions> options,
    TimeProvider time,
    ILogger<FeedbackService> log,
    IEnumerable<IFeedbackCaptureHook>? captureHooks = null,
    FeedbackMetrics? metrics = null,
    Issues.IssueMatcher? issues = null,
    Issues.IssueView? issueView = null)
{
    public FeedbackBuckets Buckets => buckets;

    public FeedbackOptions Options => options.Value;

    /// <summary>Why a text cannot be stored (empty, too long), or null when it can.</summary>
    public string? CheckText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "There is no feedback text. Write what the customer said, e.g. `/feedback customer:Acme How do I export my data?`";
        }

        var max = options.Value.MaxTextLength;
        return text.Trim().Length > max
            ? $"That feedback is {text.Trim().Length:N0} characters long; the limit is {max:N0}. Nothing was saved. Please shorten it (or split it into several items)."
            : null;
    }

    /// <summary>Why a source or importance is not accepted, or null when they are fine (or absent).</summary>
    public string? CheckFields(string? source, string? importance)
    {
        if (source is not null && !options.Value.EffectiveSources.Contains(source, StringComparer.OrdinalIgnoreCase))
        {
            return $"`{source}` is not a source I know. Use one of: {string.Join(", ", options.Value.EffectiveSources.Select(s => $"`{s}`"))}.";
        }

        if (importance is not null && !FeedbackOptions.Importances.Contains(importance, StringComparer.OrdinalIgnoreCase))
        {
            return $"`{importance}` is not an importance I know. Use one of: {string.Join(", ", FeedbackOptions.Importances.Select(s => $"`{s}`"))}.";
        }

        return null;
    }

    public async Task<CaptureOutcome> CaptureAsync(FeedbackCapture capture, CancellationToken ct)
    {
        var problem = CheckText(capture.Text) ?? CheckFields(capture.Source, capture.Importance) ?? CheckWhy(capture.Why);
        if (problem is not null)
        {
            return CaptureOutcome.Refused(problem);
        }

        capture = capture with
        {
            Text = capture.Text.Trim(),
            Source = capture.Source?.ToLowerInvariant(),
            Importance = capture.Importance?.ToLowerInvariant(),
            Why = Blank(capture.Why),
        };
        var now = time.GetUtcNow();
        var result = classifier.Classify(capture.Text);
        var reporter = capture.ReporterId ?? capture.AuthorId;
        var shiftKey = capture.ShiftKey ?? (reporter is null ? null : await shifts.ShiftKeyFor(reporter, now));
        var record = repository.Capture(capture, result.Bucket, result.Rule, shiftKey, now);
        log.LogInformation(
            "Feedback #{ItemId} {What} via {Path} in bucket {Bucket}",
            record.Item.Id, record.IsNew ? "captured" : record.ReportAdded ? "reported again" : "seen again", capture.CapturePath, record.Item.Bucket);
        if (record.IsNew)
        {
            metrics?.Captured(capture.CapturePath, record.Item.Bucket);
            foreach (var hook in captureHooks ?? [])
            {
                hook.Captured(record.Item);
            }
        }

        var standing = record.ReportAdded
            ? (await alerts.CheckAsync(record.Item, capture.Text, capture.Customer, reporter, ct)).Standing
            : await alerts.StandingAsync(record.Item, ct);

        // Only a new item can be another report of an open issue; a person decides whether it is.
        var offer = record.IsNew ? issues?.FindFor(record.Item) : null;
        return new CaptureOutcome(record.Item, record.IsNew, record.ReportAdded, null) { Standing = standing, Offer = offer };
    }

    public FeedbackItem? Get(long id) => repository.Get(id);

    /// <summary>Where the item stands against its threshold: weighted customers in the window, and why the threshold exists.</summary>
    public Task<ThresholdStanding> StandingAsync(FeedbackItem item, CancellationToken ct) => alerts.StandingAsync(item, ct);

    /// <summary>The report of <paramref name="userId"/> on the item (their conversation), else its first report; null when there is no such item.</summary>
    public FeedbackReport? ReportFor(long itemId, string? userId)
    {
        var reports = repository.Reports(itemId);
        return reports.FirstOrDefault(r => userId is not null && r.ReporterId == userId) ?? reports.FirstOrDefault();
    }

    /// <summary>How many conversations raised the item: the first capture and every "me too".</summary>
    public int ReportCount(long id) => repository.Reports(id).Count;

    public FeedbackDetails? Show(long id) =>
        repository.Get(id) is { } item
            ? new FeedbackDetails(item, repository.Reports(id), repository.BucketChanges(id), repository.GetFollowUp(id))
            : null;

    /// <summary>Moves an item to another bucket (by id or name), recording who did it.</summary>
    public ItemOutcome Reclassify(long id, string typedBucket, string userId)
    {
        var bucket = buckets.Find(typedBucket);
        if (bucket is null)
        {
            return ItemOutcome.Failed($"There is no bucket called `{typedBucket}`. Valid buckets: {buckets.ValidList()}.");
        }

        return repository.ChangeBucket(id, bucket, userId, time.GetUtcNow()) is null
            ? ItemOutcome.Failed(NoSuchItem(id))
            : new ItemOutcome(repository.Get(id), null);
    }

    /// <summary>Why a "why it matters" cannot be stored (too long), or null when it can (or is absent).</summary>
    public string? CheckWhy(string? why)
    {
        var max = options.Value.MaxTextLength;
        return why is not null && why.Trim().Length > max
            ? $"The why is {why.Trim().Length:N0} characters long; the limit is {max:N0}. Nothing was saved. Please shorten it."
            : null;
    }

    /// <summary>Adds the customer, source, importance, link or why to an item after the fact.</summary>
    public ItemOutcome AddDetails(long id, string? customer, string? source, string? importance, string? link, string? why = null, string? userId = null)
    {
        if ((CheckFields(source, importance) ?? CheckWhy(why)) is { } problem)
        {
            return ItemOutcome.Failed(problem);
        }

        return repository.UpdateDetails(id, Blank(customer), Blank(source)?.ToLowerInvariant(), Blank(importance)?.ToLowerInvariant(), Blank(link), time.GetUtcNow(), Blank(why), userId)
            ? new ItemOutcome(repository.Get(id), null)
            : ItemOutcome.Failed(NoSuchItem(id));
    }

    /// <summary>
    /// "Me too": another conversation on item <paramref name="id"/>, in the reporter's own words, with how important it
    /// is to their customer and why, when they say.
    /// </summary>
    public async Task<ItemOutcome> AddSameAsync(long id, string userId, string words, string? customer, CancellationToken ct, string? importance = null, string? why = null, string? reporterName = null)
    {
        if (CheckText(words) is { } problem)
        {
            return ItemOutcome.Failed(problem.StartsWith("There is no", StringComparison.Ordinal)
                ? "Please add what *your* customer said, in their words: `/feedback same 12 They also can't find the export button customer:Globex`"
                : problem);
        }

        if ((CheckFields(null, importance) ?? CheckWhy(why)) is { } fieldProblem)
        {
            return ItemOutcome.Failed(fieldProblem);
        }

        var now = time.GetUtcNow();
        var report = new FeedbackReport
        {
            ReporterId = userId,
            ReporterName = Blank(reporterName),
            Text = words.Trim(),
            Customer = Blank(customer),
            Importance = Blank(importance)?.ToLowerInvariant(),
            Why = Blank(why),
            CreatedAtMs = now.ToUnixTimeMilliseconds(),
        };
        switch (repository.AddReport(id, report))
        {
            case AddReportResult.NoSuchItem:
                return ItemOutcome.Failed(NoSuchItem(id));
            case AddReportResult.AlreadyThere:
                return new ItemOutcome(repository.Get(id), null) { AlreadyRecorded = true };
        }

        var item = repository.Get(id)!;
        await alerts.CheckAsync(item, report.Text, report.Customer, userId, ct);
        return new ItemOutcome(item, null);
    }

    /// <summary>A captured message was edited in Slack: the item follows (and is classified again unless a person chose its bucket).</summary>
    public FeedbackItem? MessageEdited(string channelId, string messageTs, string? newText)
    {
        if (string.IsNullOrWhiteSpace(newText) || CheckText(newText) is not null)
        {
            return null;
        }

        var result = classifier.Classify(newText);
        return repository.UpdateFromMessage(channelId, messageTs, newText.Trim(), result.Bucket, result.Rule, time.GetUtcNow());
    }

    public bool MessageDeleted(string channelId, string messageTs) => repository.MarkDeleted(channelId, messageTs, time.GetUtcNow());

    public void FollowUpAsked(long itemId, string channelId, string threadTs, string userId) =>
        repository.AddFollowUp(itemId, channelId, threadTs, userId, time.GetUtcNow());

    /// <summary>Keeps a thread reply as the answer to the follow-up question waiting there for that person; returns the item id.</summary>
    public long? FollowUpAnswered(string channelId, string threadTs, string userId, string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : repository.AnswerFollowUp(channelId, threadTs, userId, SlackText.Truncate(text.Trim(), options.Value.MaxTextLength), time.GetUtcNow());

    /// <summary>The newest issues: each item stands for its issue's root, shown once.</summary>
    public IReadOnlyList<FeedbackItem> List(string? bucket, int? days, int limit) =>
        AsIssues(repository.List(bucket, days is { } d ? time.GetUtcNow().AddDays(-d) : null, limit * 3), limit);

    /// <summary>How many items a list without its limit would show.</summary>
    public int CountListed(string? bucket, int? days) =>
        repository.CountListed(bucket, days is { } d ? time.GetUtcNow().AddDays(-d) : null);

    /// <summary>Full-text search; null when the words hold nothing searchable.</summary>
    public IReadOnlyList<FeedbackItem>? Search(string words, int limit) =>
        FeedbackSearchQuery.For(words, repository.Database.Dialect) is { } query ? AsIssues(repository.Search(query, limit * 3), limit) : null;

    private IReadOnlyList<FeedbackItem> AsIssues(IReadOnlyList<FeedbackItem> hits, int limit) =>
        issueView?.Roots(hits, limit) ?? hits.Take(limit).ToList();

    public static string NoSuchItem(long id) => $"There is no feedback #{id}. `/feedback list` shows the latest items.";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
