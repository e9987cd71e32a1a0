using Dapper;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Spotlight;

/// <summary>The rules added in Slack (table <c>spotlight_rules</c>, migration 0016); Spotlight is its only reader and writer.</summary>
public sealed class SpotlightRuleStore(Database database)
{
    private const string Columns = "id AS Id, bucket AS Bucket, phrase AS Phrase, added_by AS AddedBy, added_at AS AddedAtMs, from_item_id AS FromItemId";

    /// <summary>Every added rule, oldest first. None when the database does not exist yet (a CLI run before the first start).</summary>
    public IReadOnlyList<SpotlightLearnedRule> All()
    {
        if (!File.Exists(database.Path))
        {
            return [];
        }

        using var connection = database.Open();
        if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'spotlight_rules'") == 0)
        {
            return [];
        }

        return connection.Query<Row>($"SELECT {Columns} FROM spotlight_rules ORDER BY id").Select(r => r.ToRule()).ToList();
    }

    /// <summary>Stores the rule once; the same words for the same bucket again return the rule already there.</summary>
    public (SpotlightLearnedRule Rule, bool Added) Add(string bucket, string phrase, string addedBy, DateTimeOffset now, long? fromItemId)
    {
        using var connection = database.Open();
        var id = connection.QuerySingleOrDefault<long?>("""
            INSERT INTO spotlight_rules (bucket, phrase, added_by, added_at, from_item_id)
            VALUES (@bucket, @phrase, @addedBy, @nowMs, @fromItemId)
            ON CONFLICT (bucket, phrase) DO NOTHING
            RETURNING id
            """, new { bucket, phrase, addedBy, nowMs = now.ToUnixTimeMilliseconds(), fromItemId });
        var row = connection.QuerySingle<Row>($"SELECT {Columns} FROM spotlight_rules WHERE bucket = @bucket AND phrase = @phrase", new { bucket, phrase });
        return (row.ToRule(), id is not null);
    }

    private sealed record Row(long Id, string Bucket, string Phrase, string AddedBy, long AddedAtMs, long? FromItemId)
    {
        public SpotlightLearnedRule ToRule() => new(Id, Bucket, Phrase, AddedBy, DateTimeOffset.FromUnixTimeMilliseconds(AddedAtMs), FromItemId);
    }
}
