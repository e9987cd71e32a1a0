using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Tests.Support;

/// <summary>
/// A new, migrated database of one provider for one test: a SQLite file in a temp folder, or a database of its own on
/// the test run's PostgreSQL server. Fixtures take the provider from <see cref="Providers"/>.
/// </summary>
public sealed class ProviderDatabase : IAsyncDisposable, IDisposable
{
    public static readonly StorageProvider[] Providers = [StorageProvider.Sqlite, StorageProvider.Postgres];

    private readonly TempDirectory? _temp;
    private readonly PostgresServer? _server;

    private ProviderDatabase(Database database, TempDirectory? temp, PostgresServer? server)
    {
        Database = database;
        _temp = temp;
        _server = server;
    }

    public Database Database { get; }

    public static async Task<ProviderDatabase> CreateAsync(StorageProvider provider, bool migrate = true)
    {
        if (provider == StorageProvider.Postgres)
        {
            var server = await PostgresServer.GetAsync();
            var connectionString = migrate
                ? await server.CreateMigratedDatabaseAsync(template => Database.Postgres(template).Initialize())
                : await server.CreateDatabaseAsync();
            return new ProviderDatabase(Database.Postgres(connectionString), null, server);
        }

        var temp = new TempDirectory();
        var created = new ProviderDatabase(new Database(temp.File("bot.db")), temp, null);
        if (migrate)
        {
            created.Database.Initialize();
        }

        return created;
    }

    public void Dispose()
    {
        _server?.DropDatabaseLater(Database.ConnectionString);
        _temp?.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
