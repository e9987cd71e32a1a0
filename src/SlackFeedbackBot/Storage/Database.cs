using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SlackFeedbackBot.Storage;

/// <summary>
/// The bot's database, the one place that knows which one it is: hands out open connections and prepares the database
/// once (schema migrations). SQLite: the bot's file (pooled, foreign keys on, busy timeout, WAL journal). PostgreSQL:
/// a pooled data source on <see cref="StorageOptions.ConnectionString"/>, kept for the life of the process like the
/// database itself. SQL that must differ goes through <see cref="Dialect"/>.
/// </summary>
public sealed class Database
{
    private readonly string? _path;
    private readonly NpgsqlDataSource? _postgres;

    /// <summary>The SQLite file at <paramref name="path"/>.</summary>
    public Database(string path, int busyTimeoutSeconds = 30)
    {
        Provider = StorageProvider.Sqlite;
        _path = System.IO.Path.GetFullPath(path);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Default,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = busyTimeoutSeconds,
        }.ToString();
    }

    private Database(string connectionString, NpgsqlDataSource postgres)
    {
        Provider = StorageProvider.Postgres;
        ConnectionString = connectionString;
        _postgres = postgres;
    }

    /// <summary>The PostgreSQL database named by <paramref name="connectionString"/> (Npgsql's form).</summary>
    public static Database Postgres(string connectionString) =>
        new(connectionString, new NpgsqlDataSourceBuilder(connectionString).Build());

    /// <summary>The database the settings name.</summary>
    public static Database From(StorageOptions options) => options.Provider switch
    {
        StorageProvider.Postgres => Postgres(options.ConnectionString ?? ""),
        _ => new Database(options.DatabasePath, options.BusyTimeoutSeconds),
    };

    public StorageProvider Provider { get; }

    public SqlDialect Dialect => Provider == StorageProvider.Postgres ? SqlDialect.Postgres : SqlDialect.Sqlite;

    /// <summary>The SQLite file. A PostgreSQL database has none: asking is a mistake in the caller.</summary>
    public string Path => _path ?? throw new InvalidOperationException("A PostgreSQL database has no file; check Database.Provider first.");

    public string ConnectionString { get; }

    public DbConnection Open()
    {
        if (_postgres is not null)
        {
            return _postgres.OpenConnection();
        }

        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        // journal_size_limit is per connection: whichever connection starts the write-ahead log over cuts the file back.
        connection.Execute("PRAGMA synchronous=NORMAL; PRAGMA journal_size_limit=67108864;");
        return connection;
    }

    /// <summary>Read and write for the bot's own user only: the file holds what people wrote and who they are.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Applies pending migrations and returns the schema version; for SQLite it first creates the folder and file and
    /// switches to WAL.
    /// </summary>
    public int Initialize()
    {
        if (Provider == StorageProvider.Sqlite)
        {
            CreateFile(Path);
        }

        using var connection = Open();
        if (Provider == StorageProvider.Sqlite)
        {
            connection.Execute("PRAGMA journal_mode=WAL;");
        }

        return new Migrator(connection, Provider).Apply();
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
