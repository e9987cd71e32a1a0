using Dapper;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Spotlight;

/// <summary>
/// The rules added in Slack (table <c>spotlight_rules</c>, migrations 0016 and 0017); Spotlight is its only reader and
/// writer. A removed rule keeps its row, marked with who removed it and when.
/// </summary>
public sealed class SpotlightRuleStore(Database database)
{
    private const string Columns = """
        id AS Id, bucket AS Bucket, phrase AS Phrase, added_by AS AddedBy, added_at AS AddedAtMs, from_item_id AS FromItemId,
        removed_by AS RemovedBy, removed_at AS RemovedAtMs
        """;

    /// <summary>Every rule in use, oldest first. None when the database does not exist yet (a CLI run before the first start).</summary>
    public IReadOnlyList<SpotlightLearnedRule> All() => Read("WHERE removed_at IS NULL");

    /// <summary>Every rule ever added, the removed ones too, oldest first.</summary>
    public IReadOnlyList<SpotlightLearnedRule> History() => Read("");

    /// <summary>The rule with this id, removed or not; null when there is none.</summary>
    public SpotlightLearnedRule? Find(long id)
    {
        if (!Exists())
        {
            return null;
        }

        using var connection = database.Open();
        return connection.QuerySingleOrDefault<Row>($"SELECT {Columns} FROM spotlight_rules WHERE id = @id", new { id })?.ToRule();
    }

    /// <summary>
    /// Stores the rule once; the same words for the same bucket again return the rule already in use. Words whose
    /// rule was removed become a new rule (a new id), and the removed one stays as it was.
    /// </summary>
    public (SpotlightLearnedRule Rule, bool Added) Add(string bucket, string phrase, string addedBy, DateTimeOffset now, long? fromItemId)
    {
        using var connection = database.Open();
        var id = connection.QuerySingleOrDefault<long?>("""
            INSERT INTO spotlight_rules (bucket, phrase, added_by, added_at, from_item_id)
            VALUES (@bucket, @phrase, @addedBy, @nowMs, @fromItemId)
            ON CONFLICT (bucket, phrase) WHERE removed_at IS NULL DO NOTHING
            RETURNING id
            """, new { bucket, phrase, addedBy, nowMs = now.ToUnixTimeMilliseconds(), fromItemId });
        var row = connection.QuerySingle<Row>(
            $"SELECT {Columns} FROM spotlight_rules WHERE bucket = @bucket AND phrase = @phrase AND removed_at IS NULL", new { bucket, phrase });
        return (row.ToRule(), id is not null);
    }

    /// <summary>Marks the rule removed; false when there is no such rule or it was removed already (the row is never deleted).</summary>
    public bool Remove(long id, string removedBy, DateTimeOffset now)
    {
        using var connection = database.Open();
        return connection.Execute(
            "UPDATE spotlight_rules SET removed_by = @removedBy, removed_at = @nowMs WHERE id = @id AND removed_at IS NULL",
            new { id, removedBy, nowMs = now.ToUnixTimeMilliseconds() }) == 1;
    }

    private List<SpotlightLearnedRule> Read(string where)
    {
        if (!Exists())
        {
            return [];
        }

        using var connection = database.Open();
        return connection.Query<Row>($"SELECT {Columns} FROM spotlight_rules {where} ORDER BY id").Select(r => r.ToRule()).ToList();
    }

    // A SQLite file is created by opening it, so a missing one is asked about first; a PostgreSQL database is there
    // before the bot, its tables once the bot has started.
    private bool Exists()
    {
        if (database.Provider == StorageProvider.Sqlite && !File.Exists(database.Path))
        {
            return false;
        }

        using var connection = database.Open();
        return connection.ExecuteScalar<long>(database.Dialect.CountTablesNamed("@table"), new { table = "spotlight_rules" }) > 0;
    }

    private sealed record Row(long Id, string Bucket, string Phrase, string AddedBy, long AddedAtMs, long? FromItemId, string? RemovedBy, long? RemovedAtMs)
    {
        public SpotlightLearnedRule ToRule() => new(
            Id, Bucket, Phrase, AddedBy, DateTimeOffset.FromUnixTimeMilliseconds(AddedAtMs), FromItemId,
            RemovedBy, RemovedAtMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
    }
}
