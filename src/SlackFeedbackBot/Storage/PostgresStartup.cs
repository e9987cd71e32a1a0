using Npgsql;
using SlackFeedbackBot.Slack.Configuration;

namespace SlackFeedbackBot.Storage;

/// <summary>A database the bot cannot run on, said in one line that names the setting and its fix (never the password).</summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// What <c>Storage:Provider=Postgres</c> needs before the bot uses it: a server that answers. The bot runs on it; the
/// commands that still work on the SQLite file only refuse it, naming what they cannot do yet.
/// </summary>
public static class PostgresStartup
{
    /// <summary>What still works on the SQLite file only, for the commands that refuse PostgreSQL.</summary>
    public const string SqliteOnly =
        "the Slack inbox and outbox, the scheduler's job store, feedback capture, issues, statuses, digests, App Home, " +
        "the health check, Spotlight rules, rotation shifts, follows and make-ups, erasure, and the backup, restore, doctor and inbox commands";

    /// <summary>Throws <see cref="StorageUnavailableException"/> when the server named by the settings does not answer.</summary>
    public static void Reach(Database database)
    {
        try
        {
            using var connection = database.Open();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw new StorageUnavailableException(
                $"{SettingName.Of("Storage:ConnectionString")} names a PostgreSQL server that cannot be reached ({Where(database.ConnectionString)}): {Reason(ex)}. " +
                "Fix the setting, or start the server.",
                ex);
        }
    }

    /// <summary>The refusal for a command that needs parts still on SQLite.</summary>
    public static StorageUnavailableException NotAvailable() => new(
        $"{SettingName.Of("Storage:Provider")}=Postgres is not available for {SqliteOnly} yet; set Storage:Provider to Sqlite.");

    private static string Where(string connectionString)
    {
        var parsed = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{parsed.Host}:{parsed.Port}, database {parsed.Database}";
    }

    // Npgsql's outer message is often just "Failed to connect"; the socket's or the server's says why.
    private static string Reason(Exception ex) => (ex.InnerException ?? ex).Message.TrimEnd('.');
}
