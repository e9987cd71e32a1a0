using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using SlackFeedbackBot.Health;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Health;

/// <summary>
/// The database check on a real PostgreSQL server: a committed heartbeat is healthy; a dropped database, a closed port
/// or a server that accepts the connection and never answers is unhealthy, within the check's bound, and no line shows
/// the password.
/// </summary>
public sealed class PostgresDatabaseHealthTests
{
    private const string Password = "hunter2-secret";

    private FakeTimeProvider _time = null!;

    [SetUp]
    public void SetUp() => _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

    [Test]
    public async Task AWritableDatabase_IsHealthy_AndTheHeartbeatIsWritten_ThenItsDroppingMakesItUnhealthy()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = WithPassword(await server.CreateDatabaseAsync());
        var database = Database.Postgres(connectionString);
        database.Initialize();
        var check = new DatabaseHealthCheck(database, _time);

        var healthy = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.That(healthy.Status, Is.EqualTo(HealthStatus.Healthy), healthy.Description);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            Assert.That(await connection.ExecuteScalarAsync<long>("SELECT beat_at FROM health_heartbeat WHERE id = 1"), Is.EqualTo(_time.GetUtcNow().ToUnixTimeMilliseconds()));
        }

        await server.DropDatabaseAsync(connectionString);
        _time.Advance(DatabaseHealthCheck.CacheFor);
        var dropped = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.That(dropped.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(dropped.Description, Does.StartWith("The database cannot be written (127.0.0.1:").And.Contain("does not exist"));
        Assert.That(dropped.Data["sqlstate"], Is.EqualTo(PostgresErrorCodes.InvalidCatalogName));
        AssertNoPassword(dropped);
    }

    [Test]
    public async Task AClosedPort_IsUnhealthy_NamingTheServer()
    {
        var port = FreePort();
        var check = new DatabaseHealthCheck(Database.Postgres($"Host=127.0.0.1;Port={port};Database=feedback;Username=bot;Password={Password}"), _time);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.That(result.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(result.Description, Does.StartWith($"The database cannot be written (127.0.0.1:{port}, database feedback): "));
        AssertNoPassword(result);
    }

    [Test]
    public async Task AServerThatStopsAnswering_IsUnhealthy_WithinTheChecksBound()
    {
        // The kernel accepts the connection into the listener's backlog; nobody ever answers PostgreSQL's handshake.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var check = new DatabaseHealthCheck(Database.Postgres($"Host=127.0.0.1;Port={port};Database=feedback;Username=bot;Password={Password}"), _time);

        var clock = Stopwatch.StartNew();
        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.That(result.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(result.Description, Does.StartWith($"The database cannot be written (127.0.0.1:{port}, database feedback): "));
        Assert.That(clock.Elapsed, Is.LessThan(DatabaseHealthCheck.Timeout * 4), "the probe is bounded, not left to hang");
        AssertNoPassword(result);
    }

    private static string WithPassword(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString) { Password = Password }.ToString();

    private static void AssertNoPassword(HealthCheckResult result)
    {
        Assert.That(result.Description, Does.Not.Contain(Password));
        Assert.That(result.Data.Values.Select(v => v.ToString()), Has.None.Contains(Password));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
