using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Health;

/// <summary>
/// The database check on PostgreSQL: commits a write to the heartbeat row on a new connection of its own (not one the
/// pool kept from earlier), so a server that went away, stopped answering, refuses the bot's user, was dropped or went
/// read-only (a standby after a failover) makes it unhealthy. Connecting and the write are each bounded by
/// <see cref="DatabaseHealthCheck.Timeout"/>. Its lines name the server and database, never the password.
/// </summary>
internal sealed class PostgresHeartbeat(Database database, TimeProvider time)
{
    private static readonly int TimeoutSeconds = (int)DatabaseHealthCheck.Timeout.TotalSeconds;

    private readonly string _probeConnectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString)
    {
        Pooling = false,
        Timeout = TimeoutSeconds,
        CommandTimeout = TimeoutSeconds,
    }.ToString();

    public async Task<HealthCheckResult> ProbeAsync(CancellationToken ct)
    {
        var server = PostgresServerName.Of(database.ConnectionString);
        var data = new Dictionary<string, object> { ["server"] = server };
        try
        {
            await using var connection = new NpgsqlConnection(_probeConnectionString);
            await connection.OpenAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO health_heartbeat (id, beat_at) VALUES (1, @now) ON CONFLICT (id) DO UPDATE SET beat_at = excluded.beat_at",
                new { now = time.GetUtcNow().ToUnixTimeMilliseconds() },
                cancellationToken: ct));
            return HealthCheckResult.Healthy("A write to the database committed.", data);
        }
        catch (Exception ex) when (ex is DbException or TimeoutException && !ct.IsCancellationRequested)
        {
            if (ex is PostgresException { SqlState: { } state })
            {
                data["sqlstate"] = state;
            }

            return HealthCheckResult.Unhealthy($"The database cannot be written ({server}): {PostgresServerName.Reason(ex, database.ConnectionString)}.", data: data);
        }
    }
}
