using Microsoft.Extensions.Diagnostics.HealthChecks;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Health;

/// <summary>
/// Commits a write to the heartbeat row, the way the bot's own writes will meet the database now: on SQLite
/// (<see cref="SqliteHeartbeat"/>) from the file as it is on disk, on PostgreSQL (<see cref="PostgresHeartbeat"/>) on
/// a new connection to the server. A probe is bounded by <see cref="Timeout"/> and its outcome is kept for
/// <see cref="CacheFor"/>, so frequent health requests do not turn into frequent writes.
/// </summary>
public sealed class DatabaseHealthCheck : IHealthCheck
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private readonly CachedProbe _cache;
    private readonly Func<CancellationToken, Task<HealthCheckResult>> _probe;

    public DatabaseHealthCheck(Database database, TimeProvider time)
    {
        _cache = new CachedProbe(time, CacheFor);
        _probe = database.Provider == StorageProvider.Postgres
            ? new PostgresHeartbeat(database, time).ProbeAsync
            : new SqliteHeartbeat(database, time).ProbeAsync;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        _cache.GetAsync(_probe, cancellationToken);
}
