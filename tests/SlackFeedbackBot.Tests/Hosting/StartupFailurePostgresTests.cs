using Npgsql;
using SlackFeedbackBot.Hosting;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Hosting;

/// <summary>What PostgreSQL says when the bot prepares its database turns into one line naming Storage:ConnectionString, never the password.</summary>
public sealed class StartupFailurePostgresTests
{
    [Test]
    public async Task ADatabaseTheServerDoesNotHave_IsOneLine_NamingTheSetting()
    {
        var server = await PostgresServer.GetAsync();
        var existing = await server.CreateDatabaseAsync();
        await server.DropDatabaseAsync(existing);
        var database = Database.Postgres(new NpgsqlConnectionStringBuilder(existing) { Password = "hunter2-secret" }.ToString());

        var ex = Assert.Catch(() => database.Initialize());
        var lines = StartupFailure.Explain(ex!);

        Assert.That(lines, Has.Count.EqualTo(1));
        Assert.That(lines![0], Does.StartWith("Database error: PostgreSQL refused: database").And.Contain("does not exist (3D000)").And.Contain("Storage:ConnectionString"));
        Assert.That(lines[0], Does.Not.Contain("hunter2"));
    }

    [Test]
    public void AServerThatGoesAway_IsOneLine_NamingTheSetting()
    {
        var database = Database.Postgres("Host=127.0.0.1;Port=1;Database=feedback;Username=bot;Password=hunter2-secret;Timeout=5");

        var ex = Assert.Catch(() => database.Initialize());
        var lines = StartupFailure.Explain(ex!);

        Assert.That(lines, Has.Count.EqualTo(1));
        Assert.That(lines![0], Does.StartWith("Database error: the PostgreSQL server stopped answering: ").And.Contain("Storage:ConnectionString"));
        Assert.That(lines[0], Does.Not.Contain("hunter2"));
    }
}
