using Npgsql;

namespace SlackFeedbackBot.Storage;

/// <summary>
/// How the operator's lines name a PostgreSQL database: host, port and database from the connection string, never the
/// user's password; and why Npgsql could not reach it, in the socket's or the server's words.
/// </summary>
public static class PostgresServerName
{
    /// <summary>"db.internal:5432, database feedback".</summary>
    public static string Of(string connectionString)
    {
        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(connectionString);
            return $"{parsed.Host}:{parsed.Port}, database {parsed.Database}";
        }
        catch (ArgumentException)
        {
            return "a connection string Npgsql cannot read";
        }
    }

    /// <summary>
    /// The reason, without a trailing full stop. Npgsql's outer message is often just "Failed to connect"; the socket's
    /// or the server's says why. Npgsql never puts the password in a message; a server's echo of it is cut out anyway.
    /// </summary>
    public static string Reason(Exception ex, string connectionString)
    {
        var reason = (ex is PostgresException ? ex : ex.InnerException ?? ex).Message.TrimEnd('.');
        string? password = null;
        try
        {
            password = new NpgsqlConnectionStringBuilder(connectionString).Password;
        }
        catch (ArgumentException)
        {
        }

        return string.IsNullOrEmpty(password) ? reason : reason.Replace(password, "***", StringComparison.Ordinal);
    }
}
