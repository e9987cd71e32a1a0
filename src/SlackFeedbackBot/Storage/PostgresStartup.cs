using Npgsql;
using SlackFeedbackBot.Slack.Configuration;

namespace SlackFeedbackBot.Storage;

/// <summary>A database the bot cannot run on, said in one line that names the setting and its fix (never the password).</summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// What <c>Storage:Provider=Postgres</c> needs before the bot uses it: a server that answers.
/// </summary>
public static class PostgresStartup
{
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
                $"{SettingName.Of("Storage:ConnectionString")} names a PostgreSQL server that cannot be reached ({PostgresServerName.Of(database.ConnectionString)}): {PostgresServerName.Reason(ex, database.ConnectionString)}. " +
                "Fix the setting, or start the server.",
                ex);
        }
    }
}
