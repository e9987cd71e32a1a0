using Dapper;
using Npgsql;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Storage;

public sealed class PostgresServerTests
{
    [Test]
    public async Task EachTestGetsADatabaseOfItsOwn_AndDroppingItRemovesIt()
    {
        var server = await PostgresServer.GetAsync();
        var first = await server.CreateDatabaseAsync();
        var second = await server.CreateDatabaseAsync();
        try
        {
            await using (var connection = new NpgsqlConnection(first))
            {
                await connection.ExecuteAsync("CREATE TABLE notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text NOT NULL)");
                await connection.ExecuteAsync("INSERT INTO notes (body) VALUES (@body)", new { body = "Can we export to CSV?" });
                Assert.That(await connection.ExecuteScalarAsync<string>("SELECT body FROM notes"), Is.EqualTo("Can we export to CSV?"));
            }

            await using (var other = new NpgsqlConnection(second))
            {
                Assert.That(await other.ExecuteScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_name = 'notes'"), Is.Zero);
            }
        }
        finally
        {
            await server.DropDatabaseAsync(first);
            await server.DropDatabaseAsync(second);
        }

        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(first) { Database = "postgres" }.ToString());
        var name = new NpgsqlConnectionStringBuilder(first).Database;
        Assert.That(await admin.ExecuteScalarAsync<long>("SELECT count(*) FROM pg_database WHERE datname = @name", new { name }), Is.Zero);
    }
}
