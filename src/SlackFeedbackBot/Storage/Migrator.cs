using System.Reflection;
using Dapper;
using Microsoft.Data.Sqlite;

namespace SlackFeedbackBot.Storage;

/// <summary>
/// Versioned schema migrations: embedded scripts named NNNN_name.sql, applied in order, each in its own
/// transaction together with the new PRAGMA user_version (which SQLite keeps transactional).
/// </summary>
public sealed class Migrator(SqliteConnection connection)
{
    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts { get; } = LoadScripts();

    public static int LatestVersion => Scripts.Count == 0 ? 0 : Scripts[^1].Version;

    public int CurrentVersion => connection.ExecuteScalar<int>("PRAGMA user_version;");

    public int Apply()
    {
        var current = CurrentVersion;
        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database is at schema version {current}, newer than this build knows ({LatestVersion}). Run a newer SlackFeedbackBot, or restore a backup made by this version.");
        }

        foreach (var (version, name, sql) in Scripts.Where(s => s.Version > current))
        {
            using var tx = connection.BeginTransaction();
            try
            {
                connection.Execute(sql, transaction: tx);
                connection.Execute($"PRAGMA user_version = {version};", transaction: tx);
                tx.Commit();
            }
            catch (SqliteException ex)
            {
                throw new InvalidOperationException($"Migration {version:D4}_{name} failed: {ex.Message}", ex);
            }
        }

        return CurrentVersion;
    }

    private static List<(int, string, string)> LoadScripts()
    {
        var assembly = Assembly.GetExecutingAssembly();
        const string marker = ".Storage.Migrations.";
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
                throw new InvalidOperationException($"Migration scripts must be numbered 1..N without gaps or repeats; found {scripts[i].Item1:D4}_{scripts[i].Item2} at position {i + 1}.");
            }
        }

        return scripts;
    }
}
