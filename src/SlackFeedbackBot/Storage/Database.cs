using Dapper;
using Microsoft.Data.Sqlite;

namespace SlackFeedbackBot.Storage;

/// <summary>
/// The bot's SQLite file: hands out open connections (pooled, foreign keys on, busy timeout) and
/// prepares the file once (WAL journal, schema migrations).
/// </summary>
public sealed class Database
{
    public Database(string path, int busyTimeoutSeconds = 30)
    {
        Path = System.IO.Path.GetFullPath(path);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Default,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = busyTimeoutSeconds,
        }.ToString();
    }

    public string Path { get; }

    public string ConnectionString { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        // journal_size_limit is per connection: whichever connection starts the write-ahead log over cuts the file back.
        connection.Execute("PRAGMA synchronous=NORMAL; PRAGMA journal_size_limit=67108864;");
        return connection;
    }

    /// <summary>Creates the folder and file, switches to WAL and applies pending migrations. Returns the schema version.</summary>
    public int Initialize()
    {
        var folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        using var connection = Open();
        connection.Execute("PRAGMA journal_mode=WAL;");
        return new Migrator(connection).Apply();
    }
}
