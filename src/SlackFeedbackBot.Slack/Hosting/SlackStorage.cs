namespace SlackFeedbackBot.Slack.Hosting;

/// <summary>Where the Slack layer keeps its inbox and outbox.</summary>
public enum SlackStorageProvider
{
    /// <summary>A SQLite file one bot instance owns.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database several instances share: each request and task is held by one of them under a lease.</summary>
    Postgres,
}

/// <summary>The host's description of the inbox and outbox storage: the provider and how to find its connection string.</summary>
public sealed record SlackStorage(SlackStorageProvider Provider, Func<IServiceProvider, string> ConnectionString)
{
    public static SlackStorage Sqlite(Func<IServiceProvider, string> connectionString) => new(SlackStorageProvider.Sqlite, connectionString);

    public static SlackStorage Postgres(Func<IServiceProvider, string> connectionString) => new(SlackStorageProvider.Postgres, connectionString);
}
