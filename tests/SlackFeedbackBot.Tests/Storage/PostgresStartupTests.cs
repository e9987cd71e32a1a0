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
    public async Task AReachableServer_IsRefused_NamingWhatStillNeedsSqlite()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync();
        try
        {
            Assert.DoesNotThrow(() => PostgresStartup.Reach(Database.Postgres(connectionString)));
            var lines = StartupFailure.Explain(PostgresStartup.NotAvailable());
            Assert.That(lines, Is.EqualTo(new[] { $"Configuration error: Storage:Provider (Storage__Provider)=Postgres is not available for {PostgresStartup.SqliteOnly} yet; set Storage:Provider to Sqlite." }));
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }
}
