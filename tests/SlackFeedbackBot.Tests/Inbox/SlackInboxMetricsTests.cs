using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Inbox;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Inbox;

/// <summary>The inbox writer's instruments, read the way dotnet-counters reads them: through a listener on its meter.</summary>
public sealed class SlackInboxMetricsTests
{
    private TempDirectory _dir = null!;
    private Database _db = null!;
    private FakeTimeProvider _time = null!;
    private ServiceProvider _services = null!;
    private MeterListener _listener = null!;
    private ConcurrentQueue<(string Instrument, double Value, string? Outcome)> _measurements = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new TempDirectory();
        _db = new Database(_dir.File("bot.db"));
        _db.Initialize();
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        _measurements = new();
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = _services.GetRequiredService<IMeterFactory>();
        _listener = new MeterListener
        {
            // Only this test's meter: other tests' inboxes publish the same instrument names.
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SlackInboxMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meters))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    [TearDown]
    public void TearDown()
    {
        _listener.Dispose();
        _services.Dispose();
        _dir.Dispose();
    }

    [Test]
    public async Task EveryWrite_IsCountedInACommit_AndItsWaitIsRecorded()
    {
        await using (var inbox = NewInbox(walThresholdBytes: 64L * 1024 * 1024))
        {
            var admissions = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => inbox.RecordAsync(Event($"Ev{i}", ""), null, CancellationToken.None)));
            await Task.WhenAll(admissions.Take(20).Select(a => inbox.MarkHandledAsync(a.Id, CancellationToken.None)));
        }

        Assert.That(Values("slackfeedbackbot.inbox.commit.writes").Sum(), Is.EqualTo(70), "writes carried by the group commits");
        Assert.That(Values("slackfeedbackbot.inbox.write.wait"), Has.Count.EqualTo(70).And.All.GreaterThanOrEqualTo(0), "one wait per write");
        Assert.That(Values("slackfeedbackbot.inbox.commit.duration"), Has.Count.EqualTo(Values("slackfeedbackbot.inbox.commit.writes").Count), "one duration per commit");
        Assert.That(Values("slackfeedbackbot.inbox.wal.resets"), Is.Empty, "no reset below the threshold");
    }

    [Test]
    public async Task ALogPastTheThreshold_IsResetByTheWriter_AndThePauseIsRecorded()
    {
        var padding = new string('x', 1000);
        await using (var inbox = NewInbox(walThresholdBytes: 256 * 1024))
        {
            for (var wave = 0; wave < 5; wave++)
            {
                await Task.WhenAll(Enumerable.Range(0, 200).Select(i => inbox.RecordAsync(Event($"Ev{wave}-{i}", padding), null, CancellationToken.None)));
            }
        }

        var resets = _measurements.Where(m => m.Instrument == "slackfeedbackbot.inbox.wal.resets").ToList();
        Assert.That(resets, Is.Not.Empty);
        Assert.That(resets.All(r => r.Outcome is "reset" or "busy"), Is.True);
        Assert.That(Values("slackfeedbackbot.inbox.wal.reset.duration"), Has.Count.EqualTo(resets.Count).And.All.GreaterThanOrEqualTo(0));
    }

    [Test]
    public async Task ALogNearTheThreshold_IsCopiedByTheBackgroundCheckpointer_WithoutWaitingForItsTimer()
    {
        // The fake clock never moves: the once-a-second checkpoint never comes, only the writer's request does.
        var padding = new string('x', 1000);
        var walPath = _db.Path + "-wal";
        await using var inbox = NewInbox(walThresholdBytes: 1024 * 1024);
        var wave = 0;
        while (!File.Exists(walPath) || new FileInfo(walPath).Length < 800 * 1024)
        {
            await Task.WhenAll(Enumerable.Range(0, 100).Select(i => inbox.RecordAsync(Event($"Ev{wave}-{i}", padding), null, CancellationToken.None)));
            wave++;
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Values("slackfeedbackbot.inbox.checkpoint.duration").Count == 0 && DateTime.UtcNow < deadline)
        {
            await inbox.RecordAsync(Event($"Ev-more-{wave++}", padding), null, CancellationToken.None);
        }

        Assert.That(Values("slackfeedbackbot.inbox.checkpoint.duration"), Is.Not.Empty, "a passive checkpoint ran without a timer tick");
    }

    private SqliteSlackInbox NewInbox(long walThresholdBytes) => new(
        _db.ConnectionString,
        _time,
        NullLogger<SqliteSlackInbox>.Instance,
        walThresholdBytes,
        metrics: new SlackInboxMetrics(_services.GetRequiredService<IMeterFactory>()));

    private SlackInboundRequest Event(string eventId, string padding) =>
        new(SlackRequestKind.Event, "{\"type\":\"event_callback\",\"event_id\":\"" + eventId + "\",\"text\":\"" + padding + "\"}", "ev:" + eventId, 0, _time.GetUtcNow());

    private List<double> Values(string instrument) => _measurements.Where(m => m.Instrument == instrument).Select(m => m.Value).ToList();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? outcome = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "outcome")
            {
                outcome = tag.Value as string;
            }
        }

        _measurements.Enqueue((instrument.Name, value, outcome));
    }
}
