using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Inbox;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Inbox;

public sealed class SqliteSlackInboxTests
{
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

    private SqliteSlackInbox NewInbox() => new(_db.ConnectionString, _time, NullLogger<SqliteSlackInbox>.Instance);

    private SlackInboundRequest Event(string eventId, int retry = 0) =>
        new(SlackRequestKind.Event, "{\"type\":\"event_callback\",\"event_id\":\"" + eventId + "\",\"event\":{\"type\":\"reaction_added\"}}", "ev:" + eventId, retry, _time.GetUtcNow());

    [Test]
    public async Task Record_SameDedupeKeyTwice_SecondIsReportedDuplicate()
    {
        await using var inbox = NewInbox();

        var first = await inbox.RecordAsync(Event("Ev1"), null, CancellationToken.None);
        var retry = await inbox.RecordAsync(Event("Ev1", retry: 1), null, CancellationToken.None);

        Assert.That(first.IsDuplicate, Is.False);
        Assert.That(first.Id, Is.GreaterThan(0));
        Assert.That(retry.IsDuplicate, Is.True);
        Assert.That((await inbox.GetStatsAsync(CancellationToken.None)).Pending, Is.EqualTo(1));
    }

    [Test]
    public async Task Record_SameMessageUnderNewEventId_IsDuplicateBySecondaryKey()
    {
        await using var inbox = NewInbox();

        var first = await inbox.RecordAsync(Event("Ev1"), "message:C1:1.000100", CancellationToken.None);
        var resent = await inbox.RecordAsync(Event("Ev2"), "message:C1:1.000100", CancellationToken.None);

        Assert.That(first.IsDuplicate, Is.False);
        Assert.That(resent.IsDuplicate, Is.True);
    }

    [Test]
    public async Task Pending_SurvivesANewInstance_UntilMarkedHandled()
    {
        long id;
        await using (var before = NewInbox())
        {
            id = (await before.RecordAsync(Event("Ev1"), null, CancellationToken.None)).Id;
            await before.RecordAsync(Event("Ev2"), null, CancellationToken.None);
        }

        await using var after = NewInbox();
        var pending = await after.GetPendingAsync(10, CancellationToken.None);
        Assert.That(pending.Select(p => p.Request.DedupeKey), Is.EqualTo(new[] { "ev:Ev1", "ev:Ev2" }));
        Assert.That(pending[0].Request.PayloadJson, Does.Contain("\"Ev1\""));

        await after.MarkHandledAsync(id, CancellationToken.None);
        Assert.That((await after.GetPendingAsync(10, CancellationToken.None)).Select(p => p.Id), Does.Not.Contain(id));
    }

    [Test]
    public async Task MarkFailed_WithPark_ShowsInStatsWithTheError()
    {
        await using var inbox = NewInbox();
        var id = (await inbox.RecordAsync(Event("Ev1"), null, CancellationToken.None)).Id;

        await inbox.MarkFailedAsync(id, 1, "boom once", park: false, CancellationToken.None);
        var stillPending = await inbox.GetPendingAsync(10, CancellationToken.None);
        Assert.That(stillPending.Single().Attempts, Is.EqualTo(1));

        await inbox.MarkFailedAsync(id, 4, "chat.postMessage: channel_not_found", park: true, CancellationToken.None);
        var stats = await inbox.GetStatsAsync(CancellationToken.None);
        Assert.That(stats.Pending, Is.Zero);
        Assert.That(stats.Parked, Is.EqualTo(1));
        Assert.That(stats.LastParkedError, Is.EqualTo("chat.postMessage: channel_not_found"));
        var parked = await inbox.GetParkedAsync(10, CancellationToken.None);
        Assert.That(parked.Single().Attempts, Is.EqualTo(4));
    }

    [Test]
    public async Task ConcurrentRecords_WithRepeats_StoreEachKeyExactlyOnce()
    {
        await using var inbox = NewInbox();
        var keys = Enumerable.Range(0, 2000).Select(i => $"Ev{i % 1500}").ToList();

        var admissions = await Task.WhenAll(keys.Select(k => Task.Run(() => inbox.RecordAsync(Event(k), null, CancellationToken.None))));

        Assert.That(admissions.Count(a => !a.IsDuplicate), Is.EqualTo(1500));
        Assert.That(admissions.Where(a => !a.IsDuplicate).Select(a => a.Id).Distinct().Count(), Is.EqualTo(1500));
        Assert.That((await inbox.GetStatsAsync(CancellationToken.None)).Pending, Is.EqualTo(1500));
    }

    [Test]
    public async Task SteadyWrites_KeepTheWriteAheadLogUnderTheThreshold_DuringAndAfter()
    {
        const long threshold = 512 * 1024;
        const long bound = 4 * 1024 * 1024;
        var walPath = _db.Path + "-wal";
        var padding = new string('x', 1000);
        long largest = 0;
        using var stopSampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            long seen = 0;
            while (!stopSampling.IsCancellationRequested)
            {
                seen = Math.Max(seen, WalBytes(walPath));
                await Task.Delay(1);
            }

            return seen;
        });

        // 20,000 rows of 1 KB in groups of 500 (a group is one or two commits, well under the bound): over 20 MB through
        // the log, five times the bound. The fake clock never ticks, so no
        // timer-driven checkpoint runs: only the writer itself can keep the log small.
        await using (var inbox = new SqliteSlackInbox(_db.ConnectionString, _time, NullLogger<SqliteSlackInbox>.Instance, threshold))
        {
            for (var wave = 0; wave < 40; wave++)
            {
                var admissions = await Task.WhenAll(Enumerable.Range(0, 500).Select(i =>
                    inbox.RecordAsync(BigEvent($"Ev{wave}-{i}", padding), null, CancellationToken.None)));
                await Task.WhenAll(admissions.Where((_, i) => i % 2 == 0).Select(a => inbox.MarkHandledAsync(a.Id, CancellationToken.None)));
                largest = Math.Max(largest, WalBytes(walPath));
            }

            Assert.That((await inbox.GetStatsAsync(CancellationToken.None)).Pending, Is.EqualTo(10_000));
        }

        await stopSampling.CancelAsync();
        largest = Math.Max(largest, await sampler);
        Assert.That(largest, Is.LessThan(bound), "largest WAL seen while writing");
        Assert.That(WalBytes(walPath), Is.LessThan(bound), "WAL after the inbox stopped");
    }

    private SlackInboundRequest BigEvent(string eventId, string padding) =>
        new(SlackRequestKind.Event, "{\"type\":\"event_callback\",\"event_id\":\"" + eventId + "\",\"text\":\"" + padding + "\"}", "ev:" + eventId, 0, _time.GetUtcNow());

    private static long WalBytes(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
