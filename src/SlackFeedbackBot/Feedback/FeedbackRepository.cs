using System.Data.Common;
using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Feedback;

/// <summary>The result of storing a capture: the item (new or the one that message already was) and whether a report was added.</summary>
public sealed record CaptureRecord(FeedbackItem Item, bool IsNew, bool ReportAdded);

/// <summary>What adding a "me too" report did.</summary>
public enum AddReportResult
{
    Added,
    AlreadyThere,
    NoSuchItem,
}

/// <summary>Feedback items, their reports, bucket history, notifications, follow-ups and alerts, in either database.</summary>
public sealed class FeedbackRepository(Database database)
{
    internal const string ItemColumns = """
        id AS Id, text AS Text, customer AS Customer, source AS Source, importance AS Importance, link AS Link,
        reporter_id AS ReporterId, reporter_name AS ReporterName, author_id AS AuthorId, channel_id AS ChannelId,
        message_ts AS MessageTs, permalink AS Permalink, capture_path AS CapturePath, bucket AS Bucket, rule AS Rule,
        status AS Status, created_at AS CreatedAtMs, updated_at AS UpdatedAtMs, resolved_at AS ResolvedAtMs,
        resolved_by AS ResolvedBy, resolution AS Resolution, shift_key AS ShiftKey, import_key AS ImportKey,
        merged_into_id AS MergedIntoId
        """;

    private const string ReportColumns = """
        id AS Id, item_id AS ItemId, reporter_id AS ReporterId, reporter_name AS ReporterName, text AS Text,
        customer AS Customer, source AS Source, channel_id AS ChannelId, message_ts AS MessageTs,
        permalink AS Permalink, created_at AS CreatedAtMs, importance AS Importance, why AS Why
        """;

    private const string InsertItem = """
        INSERT INTO feedback_items (text, customer, source, importance, link, reporter_id, reporter_name, author_id,
            channel_id, message_ts, permalink, capture_path, bucket, rule, status, created_at, updated_at, shift_key, import_key, capture_key)
        VALUES (@Text, @Customer, @Source, @Importance, @Link, @ReporterId, @ReporterName, @AuthorId,
            @ChannelId, @MessageTs, @Permalink, @CapturePath, @Bucket, @Rule, 'open', @CreatedAt, @Now, @ShiftKey, @ImportKey, @CaptureKey)
        ON CONFLICT DO NOTHING
        RETURNING id
        """;

    private const string InsertReport = """
        INSERT INTO feedback_reports (item_id, reporter_id, reporter_name, text, customer, source, channel_id, message_ts, permalink, created_at, dedupe_key, importance, why)
        VALUES (@ItemId, @ReporterId, @ReporterName, @Text, @Customer, @Source, @ChannelId, @MessageTs, @Permalink, @CreatedAt, @DedupeKey, @Importance, @Why)
        ON CONFLICT DO NOTHING
        """;

    public Database Database => database;

    /// <summary>
    /// Stores a capture in one transaction. A Slack message already captured stays one item: the capture
    /// becomes another report on it (unless the same person captured the same message before).
    /// </summary>
    public CaptureRecord Capture(FeedbackCapture capture, string bucket, string? rule, string? shiftKey, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        var result = Capture(connection, tx, capture, bucket, rule, shiftKey, now);
        tx.Commit();
        return result;
    }

    /// <summary>Stores many captures in one transaction (an import): all or nothing. Returns how many were new.</summary>
    public int CaptureAll(IEnumerable<(FeedbackCapture Capture, string Bucket, string? Rule)> captures, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        var added = 0;
        foreach (var (capture, bucket, rule) in captures)
        {
            if (Capture(connection, tx, capture, bucket, rule, null, now).IsNew)
            {
                added++;
            }
        }

        tx.Commit();
        return added;
    }

    /// <summary>Which of these (id, created_at in ms) pairs name an item in the database: rows of its own export.</summary>
    public IReadOnlySet<long> ExistingItems(IEnumerable<(long Id, long CreatedAtMs)> candidates)
    {
        var found = new HashSet<long>();
        using var connection = database.Open();
        foreach (var chunk in candidates.Chunk(500))
        {
            var wanted = chunk.ToHashSet();
            var ids = wanted.Select(c => c.Id).Distinct().ToList();
            foreach (var (id, created) in connection.Query<(long, long)>($"SELECT id, created_at FROM feedback_items WHERE {database.Dialect.InList("id", "@ids")}", new { ids }))
            {
                if (wanted.Contains((id, created)))
                {
                    found.Add(id);
                }
            }
        }

        return found;
    }

    private static CaptureRecord Capture(DbConnection connection, IDbTransaction tx, FeedbackCapture capture, string bucket, string? rule, string? shiftKey, DateTimeOffset now)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var createdAt = (capture.CreatedAt ?? now).ToUnixTimeMilliseconds();
        var id = connection.QuerySingleOrDefault<long?>(InsertItem, new
        {
            capture.Text,
            capture.Customer,
            capture.Source,
            capture.Importance,
            capture.Link,
            capture.ReporterId,
            capture.ReporterName,
            capture.AuthorId,
            capture.ChannelId,
            capture.MessageTs,
            capture.Permalink,
            capture.CapturePath,
            Bucket = bucket,
            Rule = rule,
            CreatedAt = createdAt,
            Now = nowMs,
            ShiftKey = shiftKey,
            capture.ImportKey,
            capture.CaptureKey,
        }, tx);

        var isNew = id is not null;
        if (!isNew && capture.CaptureKey is not null
            && connection.QuerySingleOrDefault<FeedbackItem>($"SELECT {ItemColumns} FROM feedback_items WHERE capture_key = @CaptureKey", new { capture.CaptureKey }, tx) is { } replayed)
        {
            // The same command or submission handled again: its item is there, with its report.
            return new CaptureRecord(replayed, false, false);
        }

        if (!isNew)
        {
            id = capture.IsMessageCapture
                ? connection.QuerySingleOrDefault<long?>("SELECT id FROM feedback_items WHERE channel_id = @ChannelId AND message_ts = @MessageTs", new { capture.ChannelId, capture.MessageTs }, tx)
                : null;
            if (id is null)
            {
                // The same imported row again: nothing to add.
                var existing = connection.QuerySingle<FeedbackItem>($"SELECT {ItemColumns} FROM feedback_items WHERE import_key = @ImportKey", new { capture.ImportKey }, tx);
                return new CaptureRecord(existing, false, false);
            }
        }

        var reporter = capture.ReporterId ?? capture.AuthorId;
        if (!isNew && capture.IsMessageCapture && reporter is not null && reporter == capture.AuthorId
            && connection.ExecuteScalar<long>("""
                SELECT COUNT(*) FROM feedback_reports
                WHERE item_id = @id AND channel_id = @ChannelId AND message_ts = @MessageTs AND lower(trim(text)) = lower(trim(@Text))
                  AND lower(COALESCE(customer, '')) = lower(COALESCE(@Customer, ''))
                """, new { id, capture.ChannelId, capture.MessageTs, capture.Text, capture.Customer }, tx) > 0)
        {
            // The author flagging their own message, as others have: the same words, the same conversation, counted once.
            var captured = connection.QuerySingle<FeedbackItem>($"SELECT {ItemColumns} FROM feedback_items WHERE id = @id", new { id }, tx);
            return new CaptureRecord(captured, false, false);
        }

        var added = connection.Execute(InsertReport, new
        {
            ItemId = id,
            ReporterId = reporter,
            capture.ReporterName,
            capture.Text,
            capture.Customer,
            capture.Source,
            capture.ChannelId,
            capture.MessageTs,
            capture.Permalink,
            CreatedAt = isNew ? createdAt : nowMs,
            DedupeKey = capture.IsMessageCapture ? $"{capture.ChannelId}:{capture.MessageTs}:{reporter}" : null,
            capture.Importance,
            capture.Why,
        }, tx) == 1;

        var item = connection.QuerySingle<FeedbackItem>($"SELECT {ItemColumns} FROM feedback_items WHERE id = @id", new { id }, tx);
        return new CaptureRecord(item, isNew, added);
    }

    /// <summary>Stores the permalink Slack gave for a captured message on its item and on the reports of that message that lack one.</summary>
    public void SetPermalink(long itemId, string channelId, string messageTs, string permalink)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        var args = new { itemId, channelId, messageTs, permalink };
        connection.Execute(
            "UPDATE feedback_items SET permalink = @permalink WHERE id = @itemId AND channel_id = @channelId AND message_ts = @messageTs AND permalink IS NULL", args, tx);
        connection.Execute(
            "UPDATE feedback_reports SET permalink = @permalink WHERE item_id = @itemId AND channel_id = @channelId AND message_ts = @messageTs AND permalink IS NULL", args, tx);
        tx.Commit();
    }

    public FeedbackItem? Get(long id)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<FeedbackItem>($"SELECT {ItemColumns} FROM feedback_items WHERE id = @id", new { id });
    }

    public FeedbackItem? FindByMessage(string channelId, string messageTs)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<FeedbackItem>(
            $"SELECT {ItemColumns} FROM feedback_items WHERE channel_id = @channelId AND message_ts = @messageTs", new { channelId, messageTs });
    }

    public IReadOnlyList<FeedbackReport> Reports(long itemId)
    {
        using var connection = database.Open();
        return connection.Query<FeedbackReport>($"SELECT {ReportColumns} FROM feedback_reports WHERE item_id = @itemId ORDER BY created_at, id", new { itemId }).AsList();
    }

    public IReadOnlyList<BucketChange> BucketChanges(long itemId)
    {
        using var connection = database.Open();
        return connection.Query<BucketChange>(
            "SELECT item_id AS ItemId, from_bucket AS FromBucket, to_bucket AS ToBucket, changed_by AS ChangedBy, changed_at AS ChangedAtMs FROM feedback_bucket_changes WHERE item_id = @itemId ORDER BY changed_at, id",
            new { itemId }).AsList();
    }

    /// <summary>
    /// "Me too": another conversation on an existing item. The same person giving the same words (and customer)
    /// again is one conversation, not two: nothing is added.
    /// </summary>
    public AddReportResult AddReport(long itemId, FeedbackReport report)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM feedback_items WHERE id = @itemId", new { itemId }, tx) == 0)
        {
            return AddReportResult.NoSuchItem;
        }

        var repeated = connection.ExecuteScalar<long>("""
            SELECT COUNT(*) FROM feedback_reports
            WHERE item_id = @itemId AND reporter_id = @ReporterId AND lower(trim(text)) = lower(trim(@Text))
              AND lower(COALESCE(customer, '')) = lower(COALESCE(@Customer, ''))
            """, new { itemId, report.ReporterId, report.Text, report.Customer }, tx) > 0;
        if (repeated)
        {
            // Saying it again may still add what the first time left out: how important it is, and why.
            connection.Execute("""
                UPDATE feedback_reports SET importance = COALESCE(importance, @Importance), why = COALESCE(why, @Why)
                WHERE item_id = @itemId AND reporter_id = @ReporterId AND lower(trim(text)) = lower(trim(@Text))
                  AND lower(COALESCE(customer, '')) = lower(COALESCE(@Customer, ''))
                """, new { itemId, report.ReporterId, report.Text, report.Customer, report.Importance, report.Why }, tx);
            tx.Commit();
            return AddReportResult.AlreadyThere;
        }

        connection.Execute("""
            INSERT INTO feedback_reports (item_id, reporter_id, reporter_name, text, customer, source, channel_id, message_ts, permalink, created_at, importance, why)
            VALUES (@itemId, @ReporterId, @ReporterName, @Text, @Customer, @Source, @ChannelId, @MessageTs, @Permalink, @CreatedAtMs, @Importance, @Why)
            """, new { itemId, report.ReporterId, report.ReporterName, report.Text, report.Customer, report.Source, report.ChannelId, report.MessageTs, report.Permalink, report.CreatedAtMs, report.Importance, report.Why }, tx);
        tx.Commit();
        return AddReportResult.Added;
    }

    /// <summary>Links a report known only by its reporter's name to that person's Slack user id; false when it was linked already.</summary>
    public bool LinkReporter(long reportId, string userId)
    {
        using var connection = database.Open();
        return connection.Execute("UPDATE feedback_reports SET reporter_id = @userId WHERE id = @reportId AND reporter_id IS NULL", new { reportId, userId }) == 1;
    }

    /// <summary>Moves an item to another bucket and records who did it. Returns the bucket it was in, or null if there is no such item.</summary>
    public string? ChangeBucket(long itemId, string toBucket, string changedBy, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        var from = connection.QuerySingleOrDefault<string?>("SELECT bucket FROM feedback_items WHERE id = @itemId", new { itemId }, tx);
        if (from is null)
        {
            return null;
        }

        if (from != toBucket)
        {
            var nowMs = now.ToUnixTimeMilliseconds();
            connection.Execute("UPDATE feedback_items SET bucket = @toBucket, rule = NULL, updated_at = @nowMs WHERE id = @itemId", new { itemId, toBucket, nowMs }, tx);
            connection.Execute(
                "INSERT INTO feedback_bucket_changes (item_id, from_bucket, to_bucket, changed_by, changed_at) VALUES (@itemId, @from, @toBucket, @changedBy, @nowMs)",
                new { itemId, from, toBucket, changedBy, nowMs }, tx);
        }

        tx.Commit();
        return from;
    }

    /// <summary>
    /// Fills in the context fields given (null leaves a field as it is). The importance and why are also those of the
    /// report of <paramref name="reporterId"/> (their conversation), else of the first report. False when there is no such item.
    /// </summary>
    public bool UpdateDetails(long itemId, string? customer, string? source, string? importance, string? link, DateTimeOffset now, string? why = null, string? reporterId = null)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        var updated = connection.Execute("""
            UPDATE feedback_items SET customer = COALESCE(@customer, customer), source = COALESCE(@source, source),
                importance = COALESCE(@importance, importance), link = COALESCE(@link, link), updated_at = @nowMs
            WHERE id = @itemId
            """, new { itemId, customer, source, importance, link, nowMs = now.ToUnixTimeMilliseconds() }, tx) == 1;
        if (updated && (importance is not null || why is not null))
        {
            connection.Execute("""
                UPDATE feedback_reports SET importance = COALESCE(@importance, importance), why = COALESCE(@why, why)
                WHERE id = (SELECT id FROM feedback_reports WHERE item_id = @itemId
                            ORDER BY CASE WHEN reporter_id = @reporterId THEN 0 ELSE 1 END, created_at, id LIMIT 1)
                """, new { itemId, importance, why, reporterId }, tx);
        }

        tx.Commit();
        return updated;
    }

    /// <summary>
    /// The captured message was edited: the item takes the new words; its bucket follows them unless a person
    /// chose the bucket. Returns the updated item, or null when that message is no item.
    /// </summary>
    public FeedbackItem? UpdateFromMessage(string channelId, string messageTs, string text, string bucket, string? rule, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        var nowMs = now.ToUnixTimeMilliseconds();
        var id = connection.QuerySingleOrDefault<long?>("""
            UPDATE feedback_items SET text = @text, updated_at = @nowMs,
                bucket = CASE WHEN EXISTS (SELECT 1 FROM feedback_bucket_changes c WHERE c.item_id = feedback_items.id) THEN bucket ELSE @bucket END,
                rule = CASE WHEN EXISTS (SELECT 1 FROM feedback_bucket_changes c WHERE c.item_id = feedback_items.id) THEN rule ELSE @rule END
            WHERE channel_id = @channelId AND message_ts = @messageTs AND capture_path IN ('passive', 'reaction')
            RETURNING id
            """, new { channelId, messageTs, text, bucket, rule, nowMs }, tx);
        if (id is not null)
        {
            // The first report holds the author's own words when the item came straight from the message.
            connection.Execute("UPDATE feedback_reports SET text = @text WHERE item_id = @id AND channel_id = @channelId AND message_ts = @messageTs", new { id, text, channelId, messageTs }, tx);
        }

        var item = id is null ? null : connection.QuerySingle<FeedbackItem>($"SELECT {ItemColumns} FROM feedback_items WHERE id = @id", new { id }, tx);
        tx.Commit();
        return item;
    }

    /// <summary>The captured message was deleted in Slack: the item is kept (nothing lost) but marked deleted.</summary>
    public bool MarkDeleted(string channelId, string messageTs, DateTimeOffset now)
    {
        using var connection = database.Open();
        return connection.Execute(
            "UPDATE feedback_items SET status = 'deleted', updated_at = @nowMs WHERE channel_id = @channelId AND message_ts = @messageTs AND capture_path IN ('passive', 'reaction')",
            new { channelId, messageTs, nowMs = now.ToUnixTimeMilliseconds() }) == 1;
    }

    public bool Resolve(long itemId, string resolvedBy, string resolution, DateTimeOffset now)
    {
        using var connection = database.Open();
        return connection.Execute("""
            UPDATE feedback_items SET status = 'resolved', resolved_by = @resolvedBy, resolution = @resolution,
                resolved_at = COALESCE(resolved_at, @nowMs), updated_at = @nowMs
            WHERE id = @itemId
            """, new { itemId, resolvedBy, resolution, nowMs = now.ToUnixTimeMilliseconds() }) == 1;
    }

    /// <summary>
    /// Opens a resolved item again and forgets who was told about its resolution, so resolving it again tells every
    /// reporter again. False when there is no such item or it was not resolved.
    /// </summary>
    public bool Reopen(long itemId, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var reopened = connection.Execute("""
            UPDATE feedback_items SET status = 'open', resolved_by = NULL, resolution = NULL, resolved_at = NULL, updated_at = @nowMs,
                resolution_round = resolution_round + 1
            WHERE id = @itemId AND status = 'resolved'
            """, new { itemId, nowMs = now.ToUnixTimeMilliseconds() }, transaction) == 1;
        if (reopened)
        {
            OnceOnly.Forget(connection, transaction, FeedbackOnceKeys.ToldAbout(itemId));
        }

        transaction.Commit();
        return reopened;
    }

    /// <summary>Claims the right to tell one reporter about the item's current resolution; false when they were told already.</summary>
    /// <summary>How often the item was reopened: 0 for its first resolution.</summary>
    public int ResolutionRound(long itemId)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<int>("SELECT resolution_round FROM feedback_items WHERE id = @itemId", new { itemId });
    }

    public bool TryClaimNotification(long itemId, string reporterId, DateTimeOffset now)
    {
        using var connection = database.Open();
        return OnceOnly.TryClaim(connection, null, FeedbackOnceKeys.Told(itemId, reporterId), now);
    }

    public IReadOnlyList<string> NotifiedReporters(long itemId)
    {
        using var connection = database.Open();
        return OnceOnly.Claimed(connection, FeedbackOnceKeys.ToldAbout(itemId))
            .Select(claim => FeedbackOnceKeys.ParseTold(claim.Key)?.ReporterId).OfType<string>()
            .Order(StringComparer.Ordinal).ToList();
    }

    public int CountReportsSince(long itemId, DateTimeOffset since)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<int>("SELECT COUNT(*) FROM feedback_reports WHERE item_id = @itemId AND created_at >= @sinceMs", new { itemId, sinceMs = since.ToUnixTimeMilliseconds() });
    }

    public bool IsAlertRecorded(string alertKey, long itemId)
    {
        using var connection = database.Open();
        return OnceOnly.IsClaimed(connection, FeedbackOnceKeys.Alert(itemId, alertKey));
    }

    /// <summary>Records an alert by its key; false when that alert was raised before.</summary>
    public bool TryRecordAlert(string alertKey, long itemId, DateTimeOffset now)
    {
        using var connection = database.Open();
        return OnceOnly.TryClaim(connection, null, FeedbackOnceKeys.Alert(itemId, alertKey), now);
    }

    public void AddFollowUp(long itemId, string channelId, string threadTs, string userId, DateTimeOffset now)
    {
        using var connection = database.Open();
        connection.Execute(
            "INSERT INTO feedback_follow_ups (item_id, channel_id, thread_ts, user_id, asked_at) VALUES (@itemId, @channelId, @threadTs, @userId, @nowMs) ON CONFLICT DO NOTHING",
            new { itemId, channelId, threadTs, userId, nowMs = now.ToUnixTimeMilliseconds() });
    }

    public FollowUp? GetFollowUp(long itemId)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<FollowUp>(
            "SELECT item_id AS ItemId, channel_id AS ChannelId, thread_ts AS ThreadTs, user_id AS UserId, answer AS Answer FROM feedback_follow_ups WHERE item_id = @itemId", new { itemId });
    }

    /// <summary>
    /// Stores the reporter's first reply in the thread as the answer, and as the why of their report on the item (added
    /// below a why given before); returns the item id, or null when no question waits there.
    /// </summary>
    public long? AnswerFollowUp(string channelId, string threadTs, string userId, string answer, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        var itemId = connection.QuerySingleOrDefault<long?>("""
            UPDATE feedback_follow_ups SET answer = @answer, answered_at = @nowMs
            WHERE channel_id = @channelId AND thread_ts = @threadTs AND user_id = @userId AND answer IS NULL
            RETURNING item_id
            """, new { channelId, threadTs, userId, answer, nowMs = now.ToUnixTimeMilliseconds() }, tx);
        if (itemId is not null)
        {
            connection.Execute("""
                UPDATE feedback_reports SET why = CASE WHEN why IS NULL THEN @answer ELSE why || @newline || @answer END
                WHERE id = (SELECT id FROM feedback_reports WHERE item_id = @itemId
                            ORDER BY CASE WHEN reporter_id = @userId THEN 0 ELSE 1 END, created_at, id LIMIT 1)
                """, new { itemId, userId, answer, newline = "\n" }, tx);
        }

        tx.Commit();
        return itemId;
    }

    /// <summary>The newest items, optionally of one bucket and since a time; deleted ones left out.</summary>
    public IReadOnlyList<FeedbackItem> List(string? bucket, DateTimeOffset? since, int limit)
    {
        using var connection = database.Open();
        return connection.Query<FeedbackItem>($"""
            SELECT {ItemColumns}, {ReportCountColumn} FROM feedback_items
            WHERE status <> 'deleted' AND (@bucket IS NULL OR bucket = @bucket) AND created_at >= @sinceMs
            ORDER BY created_at DESC, id DESC LIMIT @limit
            """, new { bucket, sinceMs = since?.ToUnixTimeMilliseconds() ?? long.MinValue, limit }).AsList();
    }

    /// <summary>How many issues <see cref="List"/> would show without its limit (merged items count with their root).</summary>
    public int CountListed(string? bucket, DateTimeOffset? since)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<int>("""
            SELECT COUNT(DISTINCT COALESCE(merged_into_id, id)) FROM feedback_items
            WHERE status <> 'deleted' AND (@bucket IS NULL OR bucket = @bucket) AND created_at >= @sinceMs
            """, new { bucket, sinceMs = since?.ToUnixTimeMilliseconds() ?? long.MinValue });
    }

    private const string ReportCountColumn = "(SELECT COUNT(*) FROM feedback_reports r WHERE r.item_id = feedback_items.id) AS ReportCount";

    /// <summary>
    /// Full-text search, best matches first. The query is in this database's dialect, already made safe by the caller
    /// (<see cref="FeedbackSearchQuery.For"/>).
    /// </summary>
    public IReadOnlyList<FeedbackItem> Search(string ftsQuery, int limit)
    {
        using var connection = database.Open();
        return connection.Query<FeedbackItem>($"""
            SELECT {ItemColumns}, {ReportCountColumn} FROM feedback_items
            JOIN {FeedbackSearchSql.Hits(database, "@ftsQuery")} m ON m.hit = feedback_items.id
            WHERE status <> 'deleted'
            ORDER BY m.score, created_at DESC, id DESC LIMIT @limit
            """, new { ftsQuery, limit }).AsList();
    }

    /// <summary>
    /// Every item with its number of reports and the why of its first report (the conversation it was captured from),
    /// oldest first, read as it streams (for the export).
    /// </summary>
    public IEnumerable<(FeedbackItem Item, int Reports, string? Why)> AllWithReportCounts()
    {
        using var connection = database.Open();
        var rows = connection.Query<FeedbackItem, long, string?, (FeedbackItem, int, string?)>(
            $"""
            SELECT {ItemColumns}, (SELECT COUNT(*) FROM feedback_reports r WHERE r.item_id = feedback_items.id) AS Reports,
                (SELECT r.why FROM feedback_reports r WHERE r.item_id = feedback_items.id ORDER BY r.created_at, r.id LIMIT 1) AS Why
            FROM feedback_items ORDER BY id
            """,
            (item, reports, why) => (item, (int)reports, why),
            splitOn: "Reports,Why",
            buffered: false);
        foreach (var row in rows)
        {
            yield return row;
        }
    }

    public int Count()
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<int>("SELECT COUNT(*) FROM feedback_items");
    }
}
