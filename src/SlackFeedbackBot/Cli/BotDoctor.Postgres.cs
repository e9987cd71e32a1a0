using System.Data.Common;
using Dapper;
using Npgsql;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Cli;

/// <summary>
/// The database checks on PostgreSQL: the server answers (and which version it is), the schema version, the Quartz
/// cluster's instances as they last checked in, and the Slack inbox's and outbox's backlog with the leases instances
/// hold on it. Lines name the server and database, never the password.
/// </summary>
public sealed partial class BotDoctor
{
    private void CheckPostgres(StorageOptions storage)
    {
        var connectionString = storage.ConnectionString ?? "";
        var where = PostgresServerName.Of(connectionString);
        DbConnection connection;
        try
        {
            connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 10 }.ToString());
            connection.Open();
        }
        catch (Exception ex) when (ex is DbException or TimeoutException or ArgumentException)
        {
            Fail($"Database: PostgreSQL at {where} cannot be reached: {PostgresServerName.Reason(ex, connectionString)}. Fix Storage:ConnectionString, or start the server.");
            return;
        }

        using (connection)
        {
            try
            {
                var server = connection.ExecuteScalar<string>("SHOW server_version") ?? "?";
                Pass($"Database: PostgreSQL {server} at {where} answers.");
                CheckPostgresSchema(connection, where);
                CheckCluster(connection);
                CheckPostgresBacklog(connection);
            }
            catch (DbException ex)
            {
                Fail($"Database: PostgreSQL at {where} refused a check: {PostgresServerName.Reason(ex, connectionString)}. Fix: give the bot's user the rights on its database (docs/operations.md).");
            }
        }
    }

    private void CheckPostgresSchema(DbConnection connection, string where)
    {
        var latest = Migrator.LatestVersionFor(StorageProvider.Postgres);
        if (!TableExists(connection, "schema_version"))
        {
            Pass($"Database {where} is empty; the first start (or `migrate`) creates the schema (version {latest}).");
            return;
        }

        var version = connection.ExecuteScalar<int>("SELECT COALESCE(MAX(version), 0) FROM schema_version");
        if (version > latest)
        {
            Fail($"Database {where} is at schema version {version}, newer than this build ({latest}). Fix: run the newer version of the bot, or restore a pg_dump made by this one.");
        }
        else if (version < latest)
        {
            Pass($"Database {where} is at schema version {version}; the next start (or `migrate`) brings it to {latest}.");
        }
        else
        {
            Pass($"Database {where} is up to date (schema version {version}).");
        }
    }

    private void CheckCluster(DbConnection connection)
    {
        if (!TableExists(connection, "qrtz_scheduler_state"))
        {
            Info("Scheduler: no instance has joined the Quartz cluster yet (Quartz makes its tables at the first start).");
            return;
        }

        // Quartz keeps check-in times as .NET ticks (UTC) and the interval in milliseconds.
        var instances = connection.Query<(string Instance, long LastCheckin, long Interval)>(
            "SELECT instance_name, last_checkin_time, checkin_interval FROM qrtz_scheduler_state ORDER BY instance_name").ToList();
        if (instances.Count == 0)
        {
            Info("Scheduler: no instance is checked in to the Quartz cluster (none is running).");
            return;
        }

        var now = _time.GetUtcNow();
        var described = instances.Select(i =>
        {
            var ago = now - new DateTimeOffset(i.LastCheckin, TimeSpan.Zero);
            var late = ago > TimeSpan.FromMilliseconds(i.Interval * 3) ? ", late: stopped or cut off" : "";
            return $"{i.Instance} (checked in {Math.Max(0, ago.TotalSeconds):0} s ago{late})";
        });
        Info($"Scheduler: {instances.Count} instance{(instances.Count == 1 ? "" : "s")} in the Quartz cluster: {string.Join(", ", described)}.");
    }

    private void CheckPostgresBacklog(DbConnection connection)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (TableExists(connection, "slack_inbox"))
        {
            var inbox = connection.QuerySingle<(long Pending, long Leased, string? Holders, long Parked)>(
                """
                SELECT count(*) FILTER (WHERE status = 0),
                       count(*) FILTER (WHERE status = 0 AND lease_until >= @now),
                       string_agg(DISTINCT lease_owner, ', ') FILTER (WHERE status = 0 AND lease_until >= @now),
                       count(*) FILTER (WHERE status = 2)
                FROM slack_inbox
                """,
                new { now });
            Info($"Slack inbox: {inbox.Pending} pending ({inbox.Leased} leased{(inbox.Holders is { } holders ? " by " + holders : "")}), {inbox.Parked} parked{(inbox.Parked > 0 ? " (`inbox parked` lists them)" : "")}.");
        }

        if (TableExists(connection, "slack_outbox"))
        {
            var outbox = connection.QuerySingle<(long Pending, long Leased, long Failed)>(
                """
                SELECT count(*) FILTER (WHERE status = 'pending'),
                       count(*) FILTER (WHERE status = 'pending' AND lease_until >= @now),
                       count(*) FILTER (WHERE status = 'failed')
                FROM slack_outbox
                """,
                new { now });
            Info($"Slack outbox: {outbox.Pending} pending ({outbox.Leased} leased), {outbox.Failed} failed.");
        }
    }

    private static bool TableExists(DbConnection connection, string table) => connection.ExecuteScalar<long>(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @table", new { table }) > 0;
}
