using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Health;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Inbox;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Inbox;

/// <summary>Parked requests on a real SQLite file: retried, dropped, aged out after the retention, and counted by /healthz only while young.</summary>
public sealed class ParkedRequestsTests
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(14);

    private TempDirectory _dir = null!;
    private Database _db = null!;
    private FakeTimeProvider _time = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new TempDirectory();
        _db = new Database(_dir.File("bot.db"));
        _db.Initialize();
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    }

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private SqliteSlackInbox NewInbox() => new(_db.ConnectionString, _time, NullLogger<SqliteSlackInbox>.Instance, parkedRetention: Retention);

    private async Task<long> ParkAsync(SqliteSlackInbox inbox, string eventId)
    {
        var request = new SlackInboundRequest(SlackRequestKind.Event, "{\"type\":\"event_callback\",\"event_id\":\"" + eventId + "\"}", "ev:" + eventId, 0, _time.GetUtcNow());
        var id = (await inbox.RecordAsync(request, null, CancellationToken.None)).Id;
        await inbox.MarkFailedAsync(id, 1, "users.info: user_not_found", park: true, CancellationToken.None);
        return id;
    }

    [Test]
    public async Task Health_IsDegradedWhileAParkedRequestIsYoung_AndHealthyOnceItIsOlderThanTheRetention()
    {
        await using var inbox = NewInbox();
        await ParkAsync(inbox, "Ev1");
        var check = new InboxHealthCheck(inbox, _time);

        var young = await check.CheckHealthAsync(new HealthCheckContext());
        _time.Advance(Retention - TimeSpan.FromMinutes(1));
        var almost = await check.CheckHealthAsync(new HealthCheckContext());
        _time.Advance(TimeSpan.FromMinutes(2));
        var old = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.That(young.Status, Is.EqualTo(HealthStatus.Degraded));
        Assert.That(young.Description, Does.Contain("inbox parked"));
        Assert.That(almost.Status, Is.EqualTo(HealthStatus.Degraded));
        Assert.That(old.Status, Is.EqualTo(HealthStatus.Healthy), old.Description);
    }

    [Test]
    public async Task ParkedRequests_OlderThanTheRetention_AreDeleted_YoungerOnesStay()
    {
        await using var inbox = NewInbox();
        await ParkAsync(inbox, "EvOLD");
        _time.Advance(TimeSpan.FromDays(10));
        var young = await ParkAsync(inbox, "EvYOUNG");

        _time.Advance(TimeSpan.FromDays(5));
        // What the retention sweep runs every hour on the app's clock.
        var retention = new InboxRetention(inbox, Options.Create(new SlackOptions { ParkedRetention = Retention }), NullLogger<InboxRetention>.Instance);
        var purged = await retention.PurgeAsync(_time.GetUtcNow(), CancellationToken.None);

        Assert.That(purged, Is.EqualTo(1));
        Assert.That(RowCount("dedupe_key = 'ev:EvOLD'"), Is.Zero, "the old parked request aged out");

        var left = await new ParkedRequests(_db.ConnectionString).ListAsync(CancellationToken.None);
        Assert.That(left.Select(r => r.Id), Does.Contain(young));
        Assert.That(left.Select(r => r.DedupeKey), Has.None.EqualTo("ev:EvOLD"));
    }

    [Test]
    public async Task Retry_SetsOneParkedRequestBackToPending_WithItsAttemptsReset_AndRefusesOtherIds()
    {
        await using var inbox = NewInbox();
        var first = await ParkAsync(inbox, "Ev1");
        var second = await ParkAsync(inbox, "Ev2");
        var parked = new ParkedRequests(_db.ConnectionString);

        Assert.That(await parked.RetryAsync(first, CancellationToken.None), Is.True);
        Assert.That(await parked.RetryAsync(first, CancellationToken.None), Is.False, "it is not parked any more");
        Assert.That(await parked.RetryAsync(99999, CancellationToken.None), Is.False);

        var pending = await inbox.GetPendingAsync(10, CancellationToken.None);
        Assert.That(pending.Select(p => (p.Id, p.Attempts)), Is.EqualTo(new[] { (first, 0) }));
        Assert.That((await parked.ListAsync(CancellationToken.None)).Select(r => r.Id), Is.EqualTo(new[] { second }));
    }

    [Test]
    public async Task DropAll_DeletesOnlyParkedRequests()
    {
        await using var inbox = NewInbox();
        await ParkAsync(inbox, "Ev1");
        await ParkAsync(inbox, "Ev2");
        var pendingRequest = new SlackInboundRequest(SlackRequestKind.Event, "{}", "ev:EvPENDING", 0, _time.GetUtcNow());
        await inbox.RecordAsync(pendingRequest, null, CancellationToken.None);
        var parked = new ParkedRequests(_db.ConnectionString);

        Assert.That(await parked.DropAllAsync(CancellationToken.None), Is.EqualTo(2));
        Assert.That(await parked.DropAllAsync(CancellationToken.None), Is.Zero);
        Assert.That(RowCount("1 = 1"), Is.EqualTo(1), "the pending request stays");
    }

    private long RowCount(string condition)
    {
        using var connection = _db.Open();
        return connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM slack_inbox WHERE {condition}");
    }
}
