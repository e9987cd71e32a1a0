using Dapper;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Feedback.Issues;

/// <summary>One merge or its undoing, as <c>/feedback show</c> tells it.</summary>
public sealed record IssueMerge(long ItemId, long IntoId, string MergedBy, long MergedAtMs, string? UndoneBy, long? UndoneAtMs)
{
    public DateTimeOffset MergedAt => DateTimeOffset.FromUnixTimeMilliseconds(MergedAtMs);

    public DateTimeOffset? UndoneAt => UndoneAtMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}

/// <summary>How big an issue is: every report of its root and of the items merged into it, and the customers they name.</summary>
public sealed record IssueSize(long RootId, int Reports, int Customers, int Items);

/// <summary>A "Looks like #12" offer nobody has answered yet.</summary>
public sealed record PendingIssueOffer(long ItemId, long CandidateId, double Score, string SharedWords, long OfferedAtMs)
{
    public DateTimeOffset OfferedAt => DateTimeOffset.FromUnixTimeMilliseconds(OfferedAtMs);

    public IReadOnlyList<string> Words => SharedWords.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// Issues in the bot's database: which item is merged into which (<c>feedback_items.merged_into_id</c>), the history of merges,
/// and the "Looks like" offers with their answers. The one place that maps an item to its issue's root.
/// </summary>
public sealed class IssueRepository(Database database)
{
    /// <summary>The SQL for the root of the item in <paramref name="alias"/>: merged items point straight at their root.</summary>
    public static string RootOf(string alias) => $"COALESCE({alias}.merged_into_id, {alias}.id)";

    /// <summary>Statuses of an issue that can still take reports (the others are done or gone).</summary>
    public const string OpenStatuses = "('open', 'planned', 'not_yet')";

    public long? RootOf(long itemId)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<long?>($"SELECT {RootOf("i")} FROM feedback_items i WHERE i.id = @itemId", new { itemId });
    }

    /// <summary>Each known id and the root of its issue (an item merged nowhere is its own root); unknown ids are left out.</summary>
    public IReadOnlyDictionary<long, long> RootsOf(IEnumerable<long> itemIds)
    {
        var roots = new Dictionary<long, long>();
        using var connection = database.Open();
        foreach (var chunk in itemIds.Distinct().Chunk(500))
        {
            foreach (var (id, root) in connection.Query<(long, long)>($"SELECT i.id, {RootOf("i")} FROM feedback_items i WHERE {database.Dialect.InList("i.id", "@chunk")}", new { chunk }))
            {
                roots[id] = root;
            }
        }

        return roots;
    }

    /// <summary>The items merged into <paramref name="rootId"/>, oldest first.</summary>
    public IReadOnlyList<FeedbackItem> MergedInto(long rootId)
    {
        using var connection = database.Open();
        return connection.Query<FeedbackItem>(
            $"SELECT {FeedbackRepository.ItemColumns}, (SELECT COUNT(*) FROM feedback_reports r WHERE r.item_id = feedback_items.id) AS ReportCount FROM feedback_items WHERE merged_into_id = @rootId ORDER BY id",
            new { rootId }).AsList();
    }

    /// <summary>The ids of the issue: its root first, then every item merged into it.</summary>
    public IReadOnlyList<long> Members(long rootId)
    {
        using var connection = database.Open();
        return connection.Query<long>("SELECT id FROM feedback_items WHERE id = @rootId OR merged_into_id = @rootId ORDER BY id <> @rootId, id", new { rootId }).AsList();
    }

    /// <summary>Every report of the issue rooted at <paramref name="rootId"/>, oldest first.</summary>
    public IReadOnlyList<FeedbackReport> Reports(long rootId)
    {
        using var connection = database.Open();
        return connection.Query<FeedbackReport>("""
            SELECT r.id AS Id, r.item_id AS ItemId, r.reporter_id AS ReporterId, r.reporter_name AS ReporterName, r.text AS Text,
                r.customer AS Customer, r.source AS Source, r.channel_id AS ChannelId, r.message_ts AS MessageTs,
                r.permalink AS Permalink, r.created_at AS CreatedAtMs
            FROM feedback_reports r JOIN feedback_items i ON i.id = r.item_id
            WHERE i.id = @rootId OR i.merged_into_id = @rootId
            ORDER BY r.created_at, r.id
            """, new { rootId }).AsList();
    }

    public int CountReportsSince(long rootId, DateTimeOffset since)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<int>("""
            SELECT COUNT(*) FROM feedback_reports r JOIN feedback_items i ON i.id = r.item_id
            WHERE (i.id = @rootId OR i.merged_into_id = @rootId) AND r.created_at >= @sinceMs
            """, new { rootId, sinceMs = since.ToUnixTimeMilliseconds() });
    }

    public IssueSize Size(long rootId)
    {
        using var connection = database.Open();
        var (reports, customers, items) = connection.QuerySingle<(long, long, long)>("""
            SELECT
                (SELECT COUNT(*) FROM feedback_reports r JOIN feedback_items i ON i.id = r.item_id WHERE i.id = @rootId OR i.merged_into_id = @rootId),
                (SELECT COUNT(*) FROM (
                    SELECT lower(trim(i.customer)) AS c FROM feedback_items i WHERE (i.id = @rootId OR i.merged_into_id = @rootId) AND i.customer IS NOT NULL
                    UNION SELECT lower(trim(r.customer)) FROM feedback_reports r JOIN feedback_items i ON i.id = r.item_id
                        WHERE (i.id = @rootId OR i.merged_into_id = @rootId) AND r.customer IS NOT NULL) named),
                (SELECT COUNT(*) FROM feedback_items i WHERE i.id = @rootId OR i.merged_into_id = @rootId)
            """, new { rootId });
        return new IssueSize(rootId, (int)reports, (int)customers, (int)items);
    }

    /// <summary>
    /// Merges <paramref name="itemId"/> (and whatever was merged into it) into the root <paramref name="intoId"/>, each
    /// recorded in the history. Returns the ids that moved.
    /// </summary>
    public IReadOnlyList<long> Merge(long itemId, long intoId, string mergedBy, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        var moved = connection.Query<long>("SELECT id FROM feedback_items WHERE id = @itemId OR merged_into_id = @itemId ORDER BY id <> @itemId, id", new { itemId }, tx).AsList();
        var nowMs = now.ToUnixTimeMilliseconds();
        foreach (var id in moved)
        {
            connection.Execute("UPDATE feedback_items SET merged_into_id = @intoId, updated_at = @nowMs WHERE id = @id", new { id, intoId, nowMs }, tx);
            connection.Execute(
                "INSERT INTO feedback_merges (item_id, into_id, merged_by, merged_at) VALUES (@id, @intoId, @mergedBy, @nowMs)",
                new { id, intoId, mergedBy, nowMs }, tx);
        }

        tx.Commit();
        return moved;
    }

    /// <summary>Makes a merged item its own issue again, closing its merge in the history. Returns the root it left, or null.</summary>
    public long? Unmerge(long itemId, string undoneBy, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        var nowMs = now.ToUnixTimeMilliseconds();
        var from = connection.QuerySingleOrDefault<long?>("SELECT merged_into_id FROM feedback_items WHERE id = @itemId", new { itemId }, tx);
        if (from is not null)
        {
            connection.Execute("UPDATE feedback_items SET merged_into_id = NULL, updated_at = @nowMs WHERE id = @itemId", new { itemId, nowMs }, tx);
            connection.Execute("""
                UPDATE feedback_merges SET undone_by = @undoneBy, undone_at = @nowMs
                WHERE id = (SELECT id FROM feedback_merges WHERE item_id = @itemId AND undone_at IS NULL ORDER BY merged_at DESC, id DESC LIMIT 1)
                """, new { itemId, undoneBy, nowMs }, tx);
        }

        tx.Commit();
        return from;
    }

    /// <summary>Merges and unmerges that involve <paramref name="itemId"/> (merged, or merged into), oldest first.</summary>
    public IReadOnlyList<IssueMerge> History(long itemId)
    {
        using var connection = database.Open();
        return connection.Query<IssueMerge>("""
            SELECT item_id AS ItemId, into_id AS IntoId, merged_by AS MergedBy, merged_at AS MergedAtMs, undone_by AS UndoneBy, undone_at AS UndoneAtMs
            FROM feedback_merges WHERE item_id = @itemId OR into_id = @itemId ORDER BY merged_at, id
            """, new { itemId }).AsList();
    }

    /// <summary>
    /// Roots of open issues (open, planned, not yet) with an item that has a word starting with any of the stems, best
    /// first, leaving out the issue of <paramref name="itemId"/> and every issue a person said is different from it.
    /// </summary>
    public IReadOnlyList<long> CandidateRoots(IEnumerable<string> stems, long itemId, int limit)
    {
        var words = database.Dialect.AnyWordStartingWith(stems);
        using var connection = database.Open();
        return connection.Query<long>($"""
            SELECT root FROM (
                SELECT {RootOf("i")} AS root, MIN(m.score) AS best
                FROM (SELECT hit, score FROM {FeedbackSearchSql.Hits(database, "@words")} AS hits ORDER BY score LIMIT 500) m
                JOIN feedback_items i ON i.id = m.hit
                WHERE i.status <> 'deleted'
                GROUP BY root) c
            JOIN feedback_items r ON r.id = c.root
            WHERE r.status IN {OpenStatuses} AND r.merged_into_id IS NULL AND c.root <> @itemId
              AND c.root <> COALESCE((SELECT merged_into_id FROM feedback_items WHERE id = @itemId), @itemId)
              AND NOT EXISTS (SELECT 1 FROM feedback_issue_offers o WHERE o.answer = 'different'
                  AND ((o.item_id = @itemId AND o.candidate_id = c.root) OR (o.item_id = c.root AND o.candidate_id = @itemId)))
            ORDER BY c.best, c.root DESC
            LIMIT @limit
            """, new { words, itemId, limit }).AsList();
    }

    /// <summary>The words (and customers) of every item of the issue, to compare a new item with.</summary>
    public IReadOnlyList<(long Id, string Text, string? Customer)> MemberTexts(long rootId)
    {
        using var connection = database.Open();
        return connection.Query<(long, string, string?)>(
            "SELECT id, text, customer FROM feedback_items WHERE (id = @rootId OR merged_into_id = @rootId) AND status <> 'deleted' ORDER BY id",
            new { rootId }).AsList();
    }

    /// <summary>Customer names known from feedback so far: left out of the words wherever they are written.</summary>
    public IReadOnlyList<string> KnownCustomers(int limit = 5000)
    {
        using var connection = database.Open();
        return connection.Query<string>("""
            SELECT c FROM (SELECT customer AS c FROM feedback_items WHERE customer IS NOT NULL
                           UNION SELECT customer FROM feedback_reports WHERE customer IS NOT NULL) known LIMIT @limit
            """, new { limit }).AsList();
    }

    /// <summary>How many items (deleted ones included: they are words people wrote) have a word starting with the stem, and how many there are.</summary>
    public (long WithWord, long Total) DocumentFrequency(string stem)
    {
        using var connection = database.Open();
        return connection.QuerySingle<(long, long)>(
            $"SELECT (SELECT COUNT(*) FROM {FeedbackSearchSql.Hits(database, "@words")} AS m), (SELECT COUNT(*) FROM feedback_items)",
            new { words = database.Dialect.AnyWordStartingWith([stem]) });
    }

    /// <summary>Keeps the offer (once per pair); false when it was made before.</summary>
    public bool RecordOffer(long itemId, long candidateId, double score, IReadOnlyList<string> sharedWords, DateTimeOffset now)
    {
        using var connection = database.Open();
        return connection.Execute("""
            INSERT INTO feedback_issue_offers (item_id, candidate_id, score, shared_words, offered_at)
            VALUES (@itemId, @candidateId, @score, @words, @nowMs) ON CONFLICT DO NOTHING
            """, new { itemId, candidateId, score, words = string.Join(' ', sharedWords), nowMs = now.ToUnixTimeMilliseconds() }) == 1;
    }

    /// <summary>Records a person's answer to an offer (made or not: a merge by command answers it too). Returns whether it changed.</summary>
    public bool AnswerOffer(long itemId, long candidateId, string answer, string answeredBy, DateTimeOffset now)
    {
        using var connection = database.Open();
        return connection.Execute("""
            INSERT INTO feedback_issue_offers (item_id, candidate_id, score, shared_words, offered_at, answer, answered_by, answered_at)
            VALUES (@itemId, @candidateId, 0, '', @nowMs, @answer, @answeredBy, @nowMs)
            ON CONFLICT (item_id, candidate_id) DO UPDATE SET answer = excluded.answer, answered_by = excluded.answered_by, answered_at = excluded.answered_at
            WHERE feedback_issue_offers.answer IS DISTINCT FROM excluded.answer
            """, new { itemId, candidateId, answer, answeredBy, nowMs = now.ToUnixTimeMilliseconds() }) == 1;
    }

    /// <summary>Offers nobody answered whose items are still apart and open, oldest first.</summary>
    public IReadOnlyList<PendingIssueOffer> PendingOffers(int limit)
    {
        using var connection = database.Open();
        return connection.Query<PendingIssueOffer>($"""
            SELECT o.item_id AS ItemId, o.candidate_id AS CandidateId, o.score AS Score, o.shared_words AS SharedWords, o.offered_at AS OfferedAtMs
            FROM feedback_issue_offers o
            JOIN feedback_items i ON i.id = o.item_id
            JOIN feedback_items c ON c.id = o.candidate_id
            WHERE o.answer IS NULL AND i.merged_into_id IS NULL AND c.merged_into_id IS NULL
              AND i.status IN {OpenStatuses} AND c.status IN {OpenStatuses}
            ORDER BY o.offered_at, o.item_id
            LIMIT @limit
            """, new { limit }).AsList();
    }
}
