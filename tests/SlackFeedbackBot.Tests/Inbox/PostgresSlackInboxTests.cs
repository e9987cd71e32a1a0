using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Inbox;
using SlackFeedbackBot.Slack.Leases;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Inbox;

/// <summary>
/// The inbox several instances share, on a real PostgreSQL database per test, with a fake clock for the leases: every
/// request is handled by exactly one instance, a repeat recorded by another is a duplicate, only the holder marks a
/// request, and the requests of an instance that died are taken over once its leases run out.
/// </summary>
public sealed class PostgresSlackInboxTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private FakeTimeProvider _time = null!;
    private List<PostgresSlackInbox> _inboxes = null!;
    private PostgresServer _server = null!;
    private string _database = null!;

    [SetUp]
    public async Task SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
        _inboxes = [];
        _server = await PostgresServer.GetAsync();
        _database = await _server.CreateDatabaseAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        foreach (var inbox in _inboxes)
        {
            await inbox.DisposeAsync();
        }

        await _server.DropDatabaseAsync(_database);
    }

    [Test]
    public async Task AnInstanceDiesHolding1000Requests_TwoOthersClaimThemWhenTheLeasesRunOut_EachHandledExactlyOnce()
    {
        var dying = Inbox("dying");
        var admitted = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => dying.RecordAsync(Event($"Ev{i}"), null, CancellationToken.None)));
        Assert.That(admitted.Count(a => !a.IsDuplicate), Is.EqualTo(1000));
        await dying.DisposeAsync();
        _inboxes.Remove(dying);

        var a = Inbox("a");
        var b = Inbox("b");
        Assert.That(await a.ClaimAsync(100, CancellationToken.None), Is.Empty, "the leases are live for two minutes");

        _time.Advance(Lease + TimeSpan.FromSeconds(1));
        var handledBy = new ConcurrentDictionary<long, ConcurrentBag<string>>();
        await Task.WhenAll(DrainAsync(a, "a", handledBy), DrainAsync(b, "b", handledBy));

        Assert.That(handledBy.Keys.Order(), Is.EqualTo(admitted.Select(x => x.Id).Order()), "none lost");
        Assert.That(handledBy.Values.Where(by => by.Count != 1), Is.Empty, "none handled twice");
        Assert.That(handledBy.Values.Count(by => by.Single() == "a"), Is.GreaterThan(0).And.LessThan(1000), "both instances took part");
        Assert.That((await a.GetStatsAsync(CancellationToken.None)).Pending, Is.Zero);
        await using var connection = new NpgsqlConnection(_database);
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM slack_inbox WHERE status = 1 AND lease_owner IS NULL"), Is.EqualTo(1000));
    }

    [Test]
    public async Task ARepeatRecordedByTheOtherInstance_IsADuplicate_ByEventIdOrByMessage()
    {
        var a = Inbox("a");
        var b = Inbox("b");

        var first = await a.RecordAsync(Event("Ev1"), "message:C1:1.0", CancellationToken.None);
        var sameEvent = await b.RecordAsync(Event("Ev1"), null, CancellationToken.None);
        var sameMessage = await b.RecordAsync(Event("Ev2"), "message:C1:1.0", CancellationToken.None);
        var handledAlready = await b.RecordHandledAsync(Event("Ev1"), CancellationToken.None);

        Assert.That(first.IsDuplicate, Is.False);
        Assert.That(new[] { sameEvent, sameMessage, handledAlready }.Select(x => x.IsDuplicate), Is.All.True);
        Assert.That(await b.ClaimAsync(10, CancellationToken.None), Is.Empty, "the recording instance holds it");
        Assert.That(a.Held, Is.EqualTo(1));
    }

    [Test]
    public async Task OnlyTheHolderMarksARequest_AndALiveHolderKeepsItPastTheFirstLease()
    {
        var a = Inbox("a");
        var b = Inbox("b");
        var id = (await a.RecordAsync(Event("Ev1"), null, CancellationToken.None)).Id;

        Assert.ThrowsAsync<InboxLeaseLostException>(() => b.MarkFailedAsync(id, 1, "boom", park: true, CancellationToken.None));
        await b.MarkHandledAsync(id, CancellationToken.None);
        Assert.That((await a.GetStatsAsync(CancellationToken.None)).Pending, Is.EqualTo(1), "the other instance changed nothing");

        // Past a third of the lease the holder renews it, so it is still its own after the first two minutes.
        _time.Advance(Lease / 3 + TimeSpan.FromSeconds(1));
        var renewedUntil = _time.GetUtcNow().ToUnixTimeMilliseconds() + (long)Lease.TotalMilliseconds;
        await Eventually.ThatAsync(async () => await LeaseUntilAsync(id) == renewedUntil, "the holder renews its lease");
        _time.Advance(Lease);
        Assert.That(await b.ClaimAsync(10, CancellationToken.None), Is.Empty);

        await a.MarkHandledAsync(id, CancellationToken.None);
        Assert.That((await a.GetStatsAsync(CancellationToken.None)).Pending, Is.Zero);
        Assert.That(a.Held, Is.Zero);
    }

    [Test]
    public async Task TwoProcessors_ShareTheInbox_EveryEventIsHandledOnce_EvenWhenDeliveredToBoth()
    {
        var handled = new ConcurrentDictionary<string, int>();
        await using var first = await StartProcessorAsync("first", handled);
        await using var second = await StartProcessorAsync("second", handled);
        var processors = new[] { first.GetRequiredService<SlackInboxProcessor>(), second.GetRequiredService<SlackInboxProcessor>() };

        // Slack delivers each event once, and sends some again over the other instance's socket.
        await Task.WhenAll(Enumerable.Range(0, 1000).Select(async i =>
        {
            await processors[i % 2].AcceptAsync(Event($"Ev{i}"), CancellationToken.None);
            if (i % 10 == 0)
            {
                await processors[(i + 1) % 2].AcceptAsync(Event($"Ev{i}"), CancellationToken.None);
            }
        }));

        var inbox = first.GetRequiredService<ISlackInbox>();
        await Eventually.ThatAsync(async () => (await inbox.GetStatsAsync(CancellationToken.None)).Pending == 0, "every request is marked handled", detail: () => $"{handled.Count} handled");
        Assert.That(handled, Has.Count.EqualTo(1000), "none lost");
        Assert.That(handled.Values, Is.All.EqualTo(1), "none handled twice");
        foreach (var services in new[] { first, second })
        {
            await services.GetRequiredService<SlackInboxProcessor>().StopAsync(CancellationToken.None);
        }
    }

    [Test]
    public async Task AnInstanceStoppingGracefully_GivesBackWhatItHolds_TheOtherClaimsItAtOnce()
    {
        var stopping = Inbox("stopping");
        var admitted = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => stopping.RecordAsync(Event($"Ev{i}"), null, CancellationToken.None)));
        var other = Inbox("other");
        Assert.That(await other.ClaimAsync(100, CancellationToken.None), Is.Empty, "held while the instance runs");

        await stopping.ReleaseHeldAsync();

        var claimed = await other.ClaimAsync(100, CancellationToken.None);
        Assert.That(claimed.Select(r => r.Id).Order(), Is.EqualTo(admitted.Select(a => a.Id).Order()), "taken at once, on the same clock");
        Assert.That(stopping.Held, Is.Zero);
    }

    [Test]
    public async Task AProcessorStoppedWhileHandling_GivesItsRequestsBack_AnotherTakesThemAtOnce()
    {
        var handled = new ConcurrentDictionary<string, int>();
        var stuck = new ConcurrentDictionary<string, int>();
        await using var stopping = await StartProcessorAsync("stopping", stuck, blockUntilStopped: true);
        var processor = stopping.GetRequiredService<SlackInboxProcessor>();
        for (var i = 0; i < 12; i++)
        {
            await processor.AcceptAsync(Event($"Ev{i}"), CancellationToken.None);
        }

        await Eventually.ThatAsync(() => stuck.Count == 8, "the event lane's eight workers are each in a handler");

        // The host gives it no more time: the handlers are cancelled, and the leases end with the stop.
        using (var noTime = new CancellationTokenSource())
        {
            await noTime.CancelAsync();
            await processor.StopAsync(noTime.Token);
        }

        // On the same clock, not a millisecond later: nothing waits for the two-minute lease.
        await using var other = await StartProcessorAsync("other", handled);
        await Eventually.ThatAsync(() => handled.Count == 12, "the other instance takes all twelve as it starts", detail: () => $"{handled.Count} handled");
        Assert.That(handled.Values, Is.All.EqualTo(1));
        await other.GetRequiredService<SlackInboxProcessor>().StopAsync(CancellationToken.None);
    }

    private sealed class BlockingReaction(ConcurrentDictionary<string, int> handled) : IEventHandler
    {
        public async Task HandleAsync(EventCallback callback, CancellationToken ct)
        {
            handled.AddOrUpdate(callback.EventId!, 1, (_, n) => n + 1);
            await Task.Delay(Timeout.Infinite, ct);
        }
    }

    private sealed class CountingReaction(ConcurrentDictionary<string, int> handled) : IEventHandler
    {
        public Task HandleAsync(EventCallback callback, CancellationToken ct)
        {
            handled.AddOrUpdate(callback.EventId!, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }
    }

    private async Task<ServiceProvider> StartProcessorAsync(string instance, ConcurrentDictionary<string, int> handled, bool blockUntilStopped = false)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<ISlackApiClient>(new FakeSlackApi());
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddOptions<SlackOptions>();
        services.AddSingleton<ISlackInbox>(sp => new PostgresSlackInbox(_database, new LeaseHolder(instance, Lease), _time, sp.GetRequiredService<ILogger<PostgresSlackInbox>>()));
        services.AddSingleton<SlackInboxProcessor>();
        services.AddSingleton(handled);
        if (blockUntilStopped)
        {
            services.AddSlackDispatcher().AddEventHandler<BlockingReaction>("reaction_added");
        }
        else
        {
            services.AddSlackDispatcher().AddEventHandler<CountingReaction>("reaction_added");
        }
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<SlackInboxProcessor>().StartAsync(CancellationToken.None);
        return provider;
    }

    private static async Task DrainAsync(PostgresSlackInbox inbox, string name, ConcurrentDictionary<long, ConcurrentBag<string>> handledBy)
    {
        while (await inbox.ClaimAsync(50, CancellationToken.None) is { Count: > 0 } claimed)
        {
            foreach (var record in claimed)
            {
                handledBy.GetOrAdd(record.Id, _ => []).Add(name);
                await inbox.MarkHandledAsync(record.Id, CancellationToken.None);
            }
        }
    }

    private async Task<long?> LeaseUntilAsync(long id)
    {
        await using var connection = new NpgsqlConnection(_database);
        return await connection.ExecuteScalarAsync<long?>("SELECT lease_until FROM slack_inbox WHERE id = @id", new { id });
    }

    private PostgresSlackInbox Inbox(string instance)
    {
        var inbox = new PostgresSlackInbox(_database, new LeaseHolder(instance, Lease), _time, NullLogger<PostgresSlackInbox>.Instance);
        _inboxes.Add(inbox);
        return inbox;
    }

    private SlackInboundRequest Event(string eventId)
    {
        var payload = new JsonObject
        {
            ["type"] = "event_callback",
            ["team_id"] = "T1",
            ["event_id"] = eventId,
            ["event"] = new JsonObject { ["type"] = "reaction_added", ["user"] = "U1", ["reaction"] = "eyes", ["item"] = new JsonObject { ["type"] = "message", ["channel"] = "C1", ["ts"] = "1.0" } },
        };
        return new SlackInboundRequest(SlackRequestKind.Event, payload.ToJsonString(), $"ev:{eventId}", 0, _time.GetUtcNow());
    }
}
