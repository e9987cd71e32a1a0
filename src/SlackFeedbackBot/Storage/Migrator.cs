using System.Data.Common;
using System.Reflection;
using Dapper;

namespace SlackFeedbackBot.Storage;

/// <summary>
/// Versioned schema migrations, one numbered set per provider (embedded <c>Migrations/Sqlite/NNNN_name.sql</c> and
/// <c>Migrations/Postgres/NNNN_name.sql</c>), applied in order. Each provider counts its own versions. SQLite keeps the
/// version in PRAGMA user_version, each script in one transaction with it. PostgreSQL keeps it in <c>schema_version</c>
/// and applies the pending scripts in one transaction under an advisory lock, so instances starting together migrate once.
/// </summary>
public sealed class Migrator(DbConnection connection, StorageProvider provider = StorageProvider.Sqlite)
{
    // Any fixed number: the lock only needs to be the same for every instance of the bot.
    private const long PostgresMigrationLock = 0x5F_B07_5C4E;

    private static readonly Dictionary<StorageProvider, List<(int, string, string)>> ByProvider = new()
    {
        [StorageProvider.Sqlite] = LoadScripts(StorageProvider.Sqlite),
        [StorageProvider.Postgres] = LoadScripts(StorageProvider.Postgres),
    };

    /// <summary>The SQLite scripts.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts => ScriptsFor(StorageProvider.Sqlite);

    /// <summary>The newest SQLite schema version.</summary>
    public static int LatestVersion => LatestVersionFor(StorageProvider.Sqlite);

    public static IReadOnlyList<(int Version, string Name, string Sql)> ScriptsFor(StorageProvider provider) => ByProvider[provider];

    public static int LatestVersionFor(StorageProvider provider) => ScriptsFor(provider) is { Count: > 0 } scripts ? scripts[^1].Version : 0;

    public int CurrentVersion => provider == StorageProvider.Postgres
        ? connection.ExecuteScalar<int>("SELECT COALESCE(MAX(version), 0) FROM schema_version")
        : connection.ExecuteScalar<int>("PRAGMA user_version;");

    public int Apply() => provider == StorageProvider.Postgres ? ApplyPostgres() : ApplySqlite();

    private int ApplySqlite()
    {
        var current = CurrentVersion;
        RefuseNewer(current);
        foreach (var (version, name, sql) in Pending(current))
        {
            using var tx = connection.BeginTransaction();
            try
            {
                connection.Execute(sql, transaction: tx);
                connection.Execute($"PRAGMA user_version = {version};", transaction: tx);
                tx.Commit();
            }
            catch (DbException ex)
            {
                throw new InvalidOperationException($"Migration {version:D4}_{name} failed: {ex.Message}", ex);
            }
        }

        return CurrentVersion;
    }

    private int ApplyPostgres()
    {
        using (var tx = connection.BeginTransaction())
        {
            connection.Execute("SELECT pg_advisory_xact_lock(@key)", new { key = PostgresMigrationLock }, tx);
            connection.Execute("CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)", transaction: tx);
            var current = connection.ExecuteScalar<int>("SELECT COALESCE(MAX(version), 0) FROM schema_version", transaction: tx);
            RefuseNewer(current);
            foreach (var (version, name, sql) in Pending(current))
            {
                try
                {
                    connection.Execute(sql, transaction: tx);
                }
                catch (DbException ex)
                {
                    throw new InvalidOperationException($"Migration {version:D4}_{name} failed: {ex.Message}", ex);
                }

                connection.Execute("DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES (@version)", new { version }, tx);
            }

            tx.Commit();
        }

        return CurrentVersion;
    }

    private void RefuseNewer(int current)
    {
        if (current > LatestVersionFor(provider))
        {
            throw new InvalidOperationException(
                $"The database is at schema version {current}, newer than this build knows ({LatestVersionFor(provider)}). Run a newer SlackFeedbackBot, or restore a backup made by this version.");
        }
    }

    private IEnumerable<(int Version, string Name, string Sql)> Pending(int current) => ScriptsFor(provider).Where(s => s.Version > current);

    private static List<(int, string, string)> LoadScripts(StorageProvider provider)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var marker = $".Storage.Migrations.{provider}.";
        var scripts = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.Contains(marker, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var fileName = resource[(resource.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..^4];
            var underscore = fileName.IndexOf('_');
            var version = int.Parse(fileName[..underscore].TrimStart('_'), System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add((version, fileName[(underscore + 1)..], reader.ReadToEnd()));
        }

        scripts.Sort((a, b) => a.Item1.CompareTo(b.Item1));

        // Versions run 1..N without gaps: a database at version N must have run every script up to N.
        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Item1 != i + 1)
            {
                throw new InvalidOperationException($"{provider} migration scripts must be numbered 1..N without gaps or repeats; found {scripts[i].Item1:D4}_{scripts[i].Item2} at position {i + 1}.");
            }
        }

        return scripts;
    }
}
