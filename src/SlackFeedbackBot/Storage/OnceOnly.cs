using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace SlackFeedbackBot.Storage;

/// <summary>A key claimed in <see cref="OnceOnly"/>, and when.</summary>
public sealed record OnceOnlyClaim(string Key, DateTimeOffset ClaimedAt);

/// <summary>
/// The one store of effects that must happen once (table <c>once_only</c>, migration 0014): a feature claims a key before
/// the effect, and a second claim of the same key is refused, across restarts and crashes. Keys are kept until their
/// owner forgets them (an item reopened, a person erased): unlike the outbox's keys, they are never purged by age.
/// Each feature names its keys under its own prefix (<c>feedback:alert:42:…</c>, <c>feedback:told:42:U1</c>).
/// </summary>
public sealed class OnceOnly(Database database)
{
    /// <summary>True when the key was new and is now claimed; false when it was claimed before.</summary>
    public bool TryClaim(string key, DateTimeOffset now)
    {
        using var connection = database.Open();
        return TryClaim(connection, null, key, now);
    }

    public static bool TryClaim(DbConnection connection, DbTransaction? transaction, string key, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return connection.Execute(
            "INSERT INTO once_only (key, claimed_at) VALUES (@key, @nowMs) ON CONFLICT (key) DO NOTHING",
            new { key, nowMs = now.ToUnixTimeMilliseconds() }, transaction) == 1;
    }

    public bool IsClaimed(string key)
    {
        using var connection = database.Open();
        return IsClaimed(connection, key);
    }

    public static bool IsClaimed(DbConnection connection, string key) =>
        connection.ExecuteScalar<long>("SELECT COUNT(*) FROM once_only WHERE key = @key", new { key }) > 0;

    /// <summary>Every key starting with <paramref name="prefix"/>, in key order.</summary>
    public IReadOnlyList<OnceOnlyClaim> Claimed(string prefix)
    {
        using var connection = database.Open();
        return Claimed(connection, prefix);
    }

    public static IReadOnlyList<OnceOnlyClaim> Claimed(DbConnection connection, string prefix) =>
        connection.Query<(string Key, long ClaimedAtMs)>(
                "SELECT key, claimed_at FROM once_only WHERE key >= @from AND key < @to ORDER BY key", Range(prefix))
            .Select(row => new OnceOnlyClaim(row.Key, DateTimeOffset.FromUnixTimeMilliseconds(row.ClaimedAtMs)))
            .ToList();

    /// <summary>Keys starting with <paramref name="prefix"/> claimed in <c>[from, to)</c>, oldest first.</summary>
    public IReadOnlyList<OnceOnlyClaim> ClaimedIn(string prefix, DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = database.Open();
        return connection.Query<(string Key, long ClaimedAtMs)>(
                ClaimedInSql,
                new { fromMs = from.ToUnixTimeMilliseconds(), toMs = to.ToUnixTimeMilliseconds(), prefixFrom = prefix, prefixTo = Successor(prefix) })
            .Select(row => new OnceOnlyClaim(row.Key, DateTimeOffset.FromUnixTimeMilliseconds(row.ClaimedAtMs)))
            .ToList();
    }

    internal const string ClaimedInSql = """
        SELECT key, claimed_at FROM once_only
        WHERE claimed_at >= @fromMs AND claimed_at < @toMs AND key >= @prefixFrom AND key < @prefixTo
        ORDER BY claimed_at, key
        """;

    /// <summary>Forgets every key starting with <paramref name="prefix"/>, so each effect may happen again. Returns how many.</summary>
    public static int Forget(DbConnection connection, DbTransaction? transaction, string prefix) =>
        connection.Execute("DELETE FROM once_only WHERE key >= @from AND key < @to", Range(prefix), transaction);

    /// <summary>Forgets every key that starts with <paramref name="prefix"/> and ends with <paramref name="suffix"/>.</summary>
    public static int Forget(DbConnection connection, DbTransaction? transaction, string prefix, string suffix) =>
        connection.Execute(
            "DELETE FROM once_only WHERE key >= @from AND key < @to AND length(key) >= length(@suffix) AND substr(key, length(key) - length(@suffix) + 1) = @suffix",
            new { from = prefix, to = Successor(prefix), suffix }, transaction);

    // Keys with a prefix are one range of the primary key: [prefix, prefix with its last character bumped).
    private static object Range(string prefix) => new { from = prefix, to = Successor(prefix) };

    private static string Successor(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        return prefix[..^1] + (char)(prefix[^1] + 1);
    }
}
