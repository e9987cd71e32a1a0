using Dapper;
using Npgsql;

namespace SlackFeedbackBot.Slack.Leases;

/// <summary>Creates a table of the Slack layer in a shared PostgreSQL database.</summary>
internal static class SharedSchema
{
    // Any fixed number: instances starting together take turns, since concurrent CREATE TABLE IF NOT EXISTS can collide.
    private const long SchemaLock = 0x51ac_0001;

    public static void Ensure(NpgsqlDataSource database, string ddl)
    {
        using var connection = database.OpenConnection();
        using var tx = connection.BeginTransaction();
        connection.Execute("SELECT pg_advisory_xact_lock(@SchemaLock)", new { SchemaLock }, tx);
        connection.Execute(ddl, transaction: tx);
        tx.Commit();
    }
}
