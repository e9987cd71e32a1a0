namespace SlackFeedbackBot.Storage;

/// <summary>Where the bot keeps what it knows.</summary>
public enum StorageProvider
{
    /// <summary>One embedded file (<see cref="StorageOptions.DatabasePath"/>): one instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (<see cref="StorageOptions.ConnectionString"/>): one or several instances.</summary>
    Postgres,
}

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>Sqlite</c> (the default, embedded) or <c>Postgres</c>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>The SQLite file; created with its folder when missing.</summary>
    public string DatabasePath { get; set; } = "data/slackfeedbackbot.db";

    /// <summary>The PostgreSQL server and database (Npgsql's form, e.g. <c>Host=db;Database=feedback;Username=bot;Password=…</c>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Seconds a writer waits for the database lock before failing.</summary>
    public int BusyTimeoutSeconds { get; set; } = 30;
}
