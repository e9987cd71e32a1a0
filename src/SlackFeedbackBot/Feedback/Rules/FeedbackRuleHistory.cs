using Dapper;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Feedback;

/// <summary>A past item as a rule's dry run sees it: its words, its bucket, and whether a person chose that bucket.</summary>
public sealed record RuleHistoryItem(long Id, string Text, string Bucket, bool SetByPerson);

/// <summary>An item a rule would move (or moved) from one bucket to another, with the rule that put it there.</summary>
public sealed record RuleMove(long ItemId, string From, string To, string? Rule);

/// <summary>
/// The feedback history rules are tried on, and the moves an accepted rule makes. A bucket a person chose (a
/// reclassification, or a bucket set in an imported file) is never moved by a rule.
/// </summary>
public sealed class FeedbackRuleHistory(Database database)
{
    /// <summary>The import marks a bucket it took from the file this way (see <see cref="FeedbackImporter"/>).</summary>
    public const string ImportedBucketRule = "set in the imported file";

    public IReadOnlyList<RuleHistoryItem> Items()
    {
        using var connection = database.Open();
        return connection.Query<Row>("""
            SELECT id AS Id, text AS Text, bucket AS Bucket,
                CASE WHEN EXISTS (SELECT 1 FROM feedback_bucket_changes c WHERE c.item_id = i.id) OR i.rule = @imported THEN 1 ELSE 0 END AS SetByPerson
            FROM feedback_items i
            WHERE status <> 'deleted'
            ORDER BY id
            """, new { imported = ImportedBucketRule }).Select(r => new RuleHistoryItem(r.Id, r.Text, r.Bucket, r.SetByPerson == 1)).ToList();
    }

    /// <summary>Applies the moves to items whose bucket is still the one the dry run saw and that no person classified since.</summary>
    public IReadOnlyList<RuleMove> Apply(IEnumerable<RuleMove> moves, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        var applied = new List<RuleMove>();
        foreach (var move in moves)
        {
            var changed = connection.Execute("""
                UPDATE feedback_items SET bucket = @To, rule = @Rule, updated_at = @nowMs
                WHERE id = @ItemId AND bucket = @From AND status <> 'deleted' AND (rule IS NULL OR rule <> @imported)
                  AND NOT EXISTS (SELECT 1 FROM feedback_bucket_changes c WHERE c.item_id = feedback_items.id)
                """, new { move.ItemId, move.From, move.To, move.Rule, nowMs = now.ToUnixTimeMilliseconds(), imported = ImportedBucketRule }, tx);
            if (changed == 1)
            {
                applied.Add(move);
            }
        }

        tx.Commit();
        return applied;
    }

    // Properties, not a constructor: with no items SQLite gives the CASE column no type, and Dapper would then look
    // for a constructor taking a byte array.
    private sealed class Row
    {
        public long Id { get; init; }

        public string Text { get; init; } = "";

        public string Bucket { get; init; } = "";

        public long SetByPerson { get; init; }
    }
}
