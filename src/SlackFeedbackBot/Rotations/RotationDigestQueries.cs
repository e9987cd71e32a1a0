using Dapper;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Rotations;

/// <summary>One person's shifts that started in a period, by how they went.</summary>
public sealed record ShiftOutcomes(string UserId, int Served, int Missed, int Swapped);

/// <summary>
/// The Rotations feature's answers to other features (Digests): nobody else reads the rotation_* tables. The ledger is
/// read by an indexed range scan on shift_start (migration 0005), so a month stays fast however long the history.
/// </summary>
public sealed class RotationDigestQueries(Database database)
{
    /// <summary>Each person's shifts that started in <c>[from, to)</c>: served, missed and swapped away, by user id.</summary>
    public IReadOnlyList<ShiftOutcomes> ShiftOutcomesIn(DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = database.Open();
        return connection.Query<LedgerRow>(LedgerSql, new { fromMs = from.ToUnixTimeMilliseconds(), toMs = to.ToUnixTimeMilliseconds() })
            .Select(row => new ShiftOutcomes(row.UserId, (int)row.Served, (int)row.Missed, (int)row.Swapped))
            .OrderBy(row => row.UserId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every statement other features run here, for checking their query plans.</summary>
    internal static IEnumerable<string> Statements() => [LedgerSql];

    // Counts of CASE, not SUM of a comparison: PostgreSQL's comparisons are booleans, which it does not add up.
    private const string LedgerSql = """
        SELECT user_id AS UserId,
            COUNT(CASE WHEN outcome = 'served' THEN 1 END) AS Served, COUNT(CASE WHEN outcome = 'missed' THEN 1 END) AS Missed,
            COUNT(CASE WHEN outcome = 'swapped_away' THEN 1 END) AS Swapped
        FROM rotation_ledger
        WHERE shift_start >= @fromMs AND shift_start < @toMs
        GROUP BY user_id
        """;

    private sealed record LedgerRow
    {
        public string UserId { get; init; } = "";
        public long Served { get; init; }
        public long Missed { get; init; }
        public long Swapped { get; init; }
    }
}
