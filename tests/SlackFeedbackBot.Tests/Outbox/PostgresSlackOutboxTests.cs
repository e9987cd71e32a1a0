using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Hosting;
using SlackFeedbackBot.Slack.Leases;
using SlackFeedbackBot.Slack.Outbox;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Outbox;

/// <summary>
/// The outbox several instances share, on a real PostgreSQL database per test: two drainers on one table send every
/// task once, only the holder of a task's lease may start or finish it, and a task claimed by an instance that died is
/// sent by another once the lease runs out. Posts are counted at a fake Slack both instances call.
/// </summary>
public sealed class PostgresSlackOutboxTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private FakeTimeProvider _time = null!;
    private FakeSlackApi _slack = null!;
    private List<ServiceProvider> _instances = null!;
    private PostgresServer _server = null!;
    private string _database = null!;

    [SetUp]
    public async Task SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
        _slack = new FakeSlackApi();
        _instances = [];
        _server = await PostgresServer.GetAsync();
        _database = await _server.CreateDatabaseAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        await _server.DropDatabaseAsync(_database);
    }

    [Test]
    public async Task TwoDrainers_On300Tasks_SendEachOnce()
    {
        var a = Instance("a");
        var b = Instance("b");
        for (var i = 0; i < 300; i++)
        {
            // Both instances enqueue every task (a replayed event, a second fire): the key keeps one.
            var key = $"test:{i}";
            var task = SlackEffects.Post("C1", new SlackMessage { Text = key });
            var added = await Outbox(i % 2 == 0 ? a : b).EnqueueAsync(key, task);
            var again = await Outbox(i % 2 == 0 ? b : a).EnqueueAsync(key, task);
            Assert.That((added, again), Is.EqualTo((true, false)));
        }

        var ran = await Task.WhenAll(Drainer(a).RunDueNowAsync(), Drainer(b).RunDueNowAsync());

        Assert.That(ran.Sum(), Is.EqualTo(300));
        Assert.That(ran, Is.All.GreaterThan(0), "both drainers took part");
        var sent = _slack.Posts.Select(p => p.Message.Text).ToList();
        Assert.That(sent.Order(), Is.EqualTo(Enumerable.Range(0, 300).Select(i => $"test:{i}").Order()), "every task sent, none twice");
        Assert.That(await Outbox(a).BacklogAsync(), Is.EqualTo(new OutboxBacklog(0, null, 0)));
    }

    [Test]
    public async Task ATaskClaimedByAnInstanceThatDied_IsSentByAnotherOnceItsLeaseRunsOut_AndOnlyTheHolderMayTouchIt()
    {
        var dying = Instance("dying");
        var other = Instance("other");
        await Outbox(dying).EnqueueAsync("test:orphan", SlackEffects.Post("C1", new SlackMessage { Text = "orphan" }));
        var claimed = await Store(dying).DueAsync(10, [], CancellationToken.None);
        Assert.That(claimed.Select(t => t.Key), Is.EqualTo(new[] { "test:orphan" }));

        Assert.ThrowsAsync<OutboxLeaseLostException>(() => Store(other).MarkSendingAsync(claimed[0].Id), "the other may not start it");
        await Store(other).CompleteAsync(claimed[0].Id, "1.0");
        Assert.That((await Outbox(other).BacklogAsync()).Pending, Is.EqualTo(1), "nor finish it");
        Assert.That(await Drainer(other).RunDueNowAsync(), Is.Zero, "the lease is live");

        await _instances[0].DisposeAsync();
        _instances.RemoveAt(0);
        _time.Advance(Lease + TimeSpan.FromSeconds(1));

        Assert.That(await Drainer(other).RunDueNowAsync(), Is.EqualTo(1));
        Assert.That(_slack.Posts.Select(p => p.Message.Text), Is.EqualTo(new[] { "orphan" }));
        Assert.That(await Outbox(other).BacklogAsync(), Is.EqualTo(new OutboxBacklog(0, null, 0)));
    }

    private ServiceProvider Instance(string id)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<ISlackApiClient>(_slack);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(new LeaseHolder(id, Lease));
        services.Configure<SlackPostPacingOptions>(o => o.IntervalPerChannel = TimeSpan.Zero);
        services.AddSlackOutbox(SlackStorage.Postgres(_ => _database));
        var provider = services.BuildServiceProvider();
        _instances.Add(provider);
        return provider;
    }

    private static ISlackOutbox Outbox(ServiceProvider instance) => instance.GetRequiredService<ISlackOutbox>();

    private static IOutboxStore Store(ServiceProvider instance) => instance.GetRequiredService<IOutboxStore>();

    private static SlackOutboxDrainer Drainer(ServiceProvider instance) => instance.GetRequiredService<SlackOutboxDrainer>();
}
