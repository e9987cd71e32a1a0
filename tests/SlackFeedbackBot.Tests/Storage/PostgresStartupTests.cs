using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SlackFeedbackBot.Hosting;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Storage;

public sealed class PostgresStartupTests
{
    [Test]
    public void AnUnreachableServer_IsOneConfigurationLine_NamingTheSetting_WithoutThePassword()
    {
        // Port 1 on loopback: nothing listens, so the connection is refused at once.
        var database = Database.Postgres("Host=127.0.0.1;Port=1;Database=feedback;Username=bot;Password=hunter2-secret;Timeout=5");

        var ex = Assert.Throws<StorageUnavailableException>(() => PostgresStartup.Reach(database));
        var lines = StartupFailure.Explain(ex!);

        Assert.That(lines, Has.Count.EqualTo(1));
        Assert.That(lines![0], Does.StartWith("Configuration error: Storage:ConnectionString"));
        Assert.That(lines[0], Does.Contain("127.0.0.1:1, database feedback"));
        Assert.That(lines[0], Does.Not.Contain("hunter2"));
    }

    [Test]
    public async Task AReachableServer_IsTheBotsDatabase_MigratedWhenFirstAskedFor()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync();
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "Postgres",
                ["Storage:ConnectionString"] = connectionString,
            }).Build();
            await using var services = new ServiceCollection().AddStorage(configuration).BuildServiceProvider();

            var database = services.GetRequiredService<Database>();

            Assert.That(database.Provider, Is.EqualTo(StorageProvider.Postgres));
            await using var connection = database.Open();
            Assert.That(connection.ExecuteScalar<long>("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'feedback_items'"), Is.EqualTo(1), "the schema is migrated");
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await server.DropDatabaseAsync(connectionString);
        }
    }
}
