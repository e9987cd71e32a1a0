using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Health;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Hosting;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Inbox;
using SlackFeedbackBot.Slack.Leases;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Inbox;

/// <summary>Parked requests on a real SQLite file and a real PostgreSQL database: retried, dropped, aged out after the
/// retention, and counted by /healthz only while young.</summary>
[TestFixtureSource(typeof(ProviderDatabase), nameof(ProviderDatabase.Providers))]
public sealed class ParkedRequestsTests(StorageProvider provider)
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(14);

    private ProviderDatabase _store = null!;
    private Database _db = null!;
    private FakeTimeProvider _time = null!;

    [SetUp]
    public async Task SetUp()
    {
        _store = await ProviderDatabase.CreateAsync(provider);
        _db = _store.Database;
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    }

    [TearDown]
    public async Task TearDown() => await _store.DisposeAsync();

    private ParkedRequests Parked() => new(
        _db.ConnectionString, provider == StorageProvider.Postgres ? SlackStorageProvider.Postgres : SlackStorageProvider.Sqlite);

    private InboxUnderTest NewInbox() => provider == StorageProvider.Postgres
        ? new InboxUnderTest(new PostgresSlackInbox(_db.ConnectionString, new LeaseHolder("test-instance", TimeSpan.FromMinutes(1)), _time, NullLogger<PostgresSlackInbox>.Instance, parkedRetention: Retention))
        : new InboxUnderTest(new SqliteSlackInbox(_db.ConnectionString, _time, NullLogger<SqliteSlackInbox>.Instance, parkedRetention: Retention));

    private sealed class InboxUnderTest(ISlackInbox inbox) : IAsyncDisposable
    {
        public ISlackInbox Inbox => inbox;

        public ValueTask DisposeAsync() => ((IAsyncDisposable)inbox).DisposeAsync();
    }

    [Test]
    public async Task ExistsAsync_SaysWhetherTheInboxHasBeenCreated()
    {
        Assert.That(await Parked().ExistsAsync(CancellationToken.None), Is.False, "the inbox makes its table when the bot first starts");
        await using var inbox = NewInbox();
        Assert.That(await Parked().ExistsAsync(CancellationToken.None), Is.True);
    }

    [Test]
    public async Task Retry_LeavesTheRequestForTheNextLook_OnPostgresForWhicheverInstanceClaimsIt()
    {
        await using var inbox = NewInbox();
        var id = await ParkAsync(inbox, "EvLEASE");

        Assert.That(await Parked().RetryAsync(id, CancellationToken.None), Is.True);

        if (provider == StorageProvider.Postgres)
        {
            await using var other = new PostgresSlackInbox(_db.ConnectionString, new LeaseHolder("other-instance", TimeSpan.FromMinutes(1)), _time, NullLogger<PostgresSlackInbox>.Instance);
            var claimed = await other.ClaimAsync(10, CancellationToken.None);
            Assert.That(claimed.Select(c => (c.Id, c.Attempts)), Is.EqualTo(new[] { (id, 0) }), "the parked request had no lease left to wait for");
        }
        else
        {
            var pending = await inbox.Inbox.GetPendingAsync(10, CancellationToken.None);
            Assert.That(pending.Select(c => (c.Id, c.Attempts)), Is.EqualTo(new[] { (id, 0) }));
        }
    }

    private async Task<long> ParkAsync(InboxUnderTest under, string eventId)
    {
        var inbox = under.Inbox;
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
        var check = new InboxHealthCheck(inbox.Inbox, _time);

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
        var retention = new InboxRetention(inbox.Inbox, Options.Create(new SlackOptions { ParkedRetention = Retention }), NullLogger<InboxRetention>.Instance);
        var purged = await retention.PurgeAsync(_time.GetUtcNow(), CancellationToken.None);

        Assert.That(purged, Is.EqualTo(1));
        Assert.That(RowCount("dedupe_key = 'ev:EvOLD'"), Is.Zero, "the old parked request aged out");

        var left = await Parked().ListAsync(CancellationToken.None);
        Assert.That(left.Select(r => r.Id), Does.Contain(young));
        Assert.That(left.Select(r => r.DedupeKey), Has.None.EqualTo("ev:EvOLD"));
    }

    [Test]
    public async Task Retry_SetsOneParkedRequestBackToPending_WithItsAttemptsReset_AndRefusesOtherIds()
    {
        await using var inbox = NewInbox();
        var first = await ParkAsync(inbox, "Ev1");
        var second = await ParkAsync(inbox, "Ev2");
        var parked = Parked();

        Assert.That(await parked.RetryAsync(first, CancellationToken.None), Is.True);
        Assert.That(await parked.RetryAsync(first, CancellationToken.None), Is.False, "it is not parked any more");
        Assert.That(await parked.RetryAsync(99999, CancellationToken.None), Is.False);

        var pending = await inbox.Inbox.GetPendingAsync(10, CancellationToken.None);
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
        await inbox.Inbox.RecordAsync(pendingRequest, null, CancellationToken.None);
        var parked = Parked();

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
