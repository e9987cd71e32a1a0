using Dapper;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Health;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Health;

/// <summary>The database check commits a real write: what it says when the file cannot be written or is malformed.</summary>
public sealed class DatabaseHealthTests
{
    private FakeTimeProvider _time = null!;
    private BotTestHost _host = null!;

    [SetUp]
    public async Task SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
        _host = await BotTestHost.StartAsync(new BotTestHostOptions { Mode = SlackMode.Http, SeedDemoWorkspace = false, Time = _time });
    }

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [Test]
    public async Task WritableDatabase_IsHealthy_AndTheHeartbeatIsWritten()
    {
        var ready = await HealthProbe.GetAsync(_host, "/healthz/ready");

        Assert.That(ready.CheckStatus("database"), Is.EqualTo("Healthy"), ready.ToString());
        using var connection = _host.Database.Open();
        Assert.That(connection.ExecuteScalar<long>("SELECT beat_at FROM health_heartbeat WHERE id = 1"), Is.EqualTo(_time.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    [Test]
    public async Task ReadOnlyDatabaseFile_IsUnhealthy()
    {
        Assert.That((await HealthProbe.GetAsync(_host, "/healthz/ready")).CheckStatus("database"), Is.EqualTo("Healthy"));

        HealthAnswer ready;
        using (ReadOnlyFile.Make(_host.DatabasePath))
        {
            _time.Advance(DatabaseHealthCheck.CacheFor);
            ready = await HealthProbe.GetAsync(_host, "/healthz/ready");
        }

        Assert.That(ready.StatusCode, Is.EqualTo(503), ready.ToString());
        Assert.That(ready.CheckStatus("database"), Is.EqualTo("Unhealthy"));
        Assert.That(ready.Description("database"), Does.StartWith($"The database cannot be written: {_host.DatabasePath}:"));
        Assert.That((await HealthProbe.GetAsync(_host, "/healthz")).StatusCode, Is.EqualTo(503), "the full report says so too");
    }

    [Test]
    public async Task UnwritableDatabaseFolder_IsUnhealthy()
    {
        Assert.That((await HealthProbe.GetAsync(_host, "/healthz/ready")).CheckStatus("database"), Is.EqualTo("Healthy"));

        HealthAnswer ready;
        using (ReadOnlyFile.Make(Path.GetDirectoryName(_host.DatabasePath)!))
        {
            _time.Advance(DatabaseHealthCheck.CacheFor);
            ready = await HealthProbe.GetAsync(_host, "/healthz/ready");
        }

        Assert.That(ready.StatusCode, Is.EqualTo(503), ready.ToString());
        Assert.That(ready.CheckStatus("database"), Is.EqualTo("Unhealthy"));
        Assert.That(ready.Description("database"), Does.StartWith($"The database cannot be written: {Path.GetDirectoryName(_host.DatabasePath)}:"));
    }

    [Test]
    public async Task MalformedDatabaseFile_IsUnhealthy()
    {
        Assert.That((await HealthProbe.GetAsync(_host, "/healthz/ready")).CheckStatus("database"), Is.EqualTo("Healthy"));
        using (var connection = _host.Database.Open())
        {
            // Everything into the main file, so what is on disk is what a new connection reads.
            connection.Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        }

        using (var file = new FileStream(_host.DatabasePath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            file.Write("this is not a SQLite database, it was overwritten"u8);
        }

        _time.Advance(DatabaseHealthCheck.CacheFor);
        var ready = await HealthProbe.GetAsync(_host, "/healthz/ready");

        Assert.That(ready.StatusCode, Is.EqualTo(503), ready.ToString());
        Assert.That(ready.CheckStatus("database"), Is.EqualTo("Unhealthy"));
        Assert.That(ready.Description("database"), Does.Contain("not a database"));
    }

    [Test]
    public async Task ResultIsKeptForAFewSeconds_SoHealthRequestsDoNotHammerTheDatabase()
    {
        await HealthProbe.GetAsync(_host, "/healthz/ready");
        var first = Heartbeat();

        _time.Advance(DatabaseHealthCheck.CacheFor - TimeSpan.FromMilliseconds(1));
        await HealthProbe.GetAsync(_host, "/healthz/ready");
        var cached = Heartbeat();
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await HealthProbe.GetAsync(_host, "/healthz/ready");

        Assert.That(cached, Is.EqualTo(first));
        Assert.That(Heartbeat(), Is.EqualTo(_time.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    private long Heartbeat()
    {
        using var connection = _host.Database.Open();
        return connection.ExecuteScalar<long>("SELECT beat_at FROM health_heartbeat WHERE id = 1");
    }
}
