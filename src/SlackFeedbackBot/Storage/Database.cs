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

    /// <summary>Read and write for the bot's own user only: the file holds what people wrote and who they are.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder and file, switches to WAL and applies pending migrations. Returns the schema version.</summary>
    public int Initialize()
    {
        CreateFile(Path);
        using var connection = Open();
        connection.Execute("PRAGMA journal_mode=WAL;");
        return new Migrator(connection).Apply();
    }

    /// <summary>
    /// Creates an empty database file (and its folder) with <see cref="FileMode"/> when there is none. SQLite creates
    /// the <c>-wal</c> and <c>-shm</c> files with the database file's mode, so they are private too.
    /// </summary>
    public static void CreateFile(string path)
    {
        CreateFolderFor(path);
        if (File.Exists(path))
        {
            return;
        }

        try
        {
            var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = FileMode;
            }

            using var created = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first.
        }
    }

    /// <summary>Creates the folder a database file goes in, for the bot's user only (an existing folder is left as it is).</summary>
    public static void CreateFolderFor(string path)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (string.IsNullOrEmpty(folder) || Directory.Exists(folder))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
