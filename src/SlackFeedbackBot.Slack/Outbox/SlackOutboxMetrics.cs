using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace SlackFeedbackBot.Slack.Outbox;

/// <summary>
/// The outbox on the meter <see cref="MeterName"/>: tasks sent, failed for good and retried, by kind and purpose (the
/// part of the idempotency key before its first colon, which the domain chose: <c>reminder</c>, <c>digest</c>,
/// <c>followup</c> …, so the layer counts reminders without knowing what one is), and the backlog. The backlog lives only
/// in the table, so its gauges run one small query when read, at most once per <see cref="BacklogCacheFor"/>
/// however often metrics are scraped.
/// </summary>
public sealed class SlackOutboxMetrics
{
    public const string MeterName = "SlackFeedbackBot.Slack.Outbox";

    internal static readonly TimeSpan BacklogCacheFor = TimeSpan.FromSeconds(5);

    private readonly IOutboxStore _store;
    private readonly OutboxClock _clock;
    private readonly ILogger<SlackOutboxMetrics> _log;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _retried;
    private readonly Lock _backlogLock = new();
    private OutboxBacklog? _backlog;
    private long _backlogReadAt;

    public SlackOutboxMetrics(IMeterFactory meters, IOutboxStore store, OutboxClock clock, ILogger<SlackOutboxMetrics> log)
    {
        _store = store;
        _clock = clock;
        _log = log;
        var meter = meters.Create(MeterName);
        _sent = meter.CreateCounter<long>("slackfeedbackbot.outbox.sent", "{task}", "Outbox tasks done (Slack took the post, DM, reaction …), by kind and purpose.");
        _failed = meter.CreateCounter<long>("slackfeedbackbot.outbox.failed", "{task}", "Outbox tasks failed for good (a permanent Slack error, an unknown kind), by kind and purpose.");
        _retried = meter.CreateCounter<long>("slackfeedbackbot.outbox.retried", "{task}", "Outbox attempts that will be tried again, by kind, purpose and reason (rate_limited, transient).");
        meter.CreateObservableGauge("slackfeedbackbot.outbox.backlog", () => Backlog()?.Pending ?? 0, "{task}", "Outbox tasks pending (due or waiting for their time, a channel slot or a retry).");
        meter.CreateObservableGauge("slackfeedbackbot.outbox.oldest.age", () => OldestAgeSeconds(), "s", "Age of the oldest pending outbox task; 0 when none is pending.");
    }

    /// <summary>The label of a task's purpose: its key up to the first colon (<c>reminder:42:60m:U1</c> is <c>reminder</c>).</summary>
    public static string Purpose(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? key[..colon] : "other";
    }

    internal void Sent(string kind, string key) => _sent.Add(1, Tags(kind, key));

    internal void Failed(string kind, string key) => _failed.Add(1, Tags(kind, key));

    internal void Retried(string kind, string key, string reason)
    {
        var tags = Tags(kind, key);
        tags.Add("reason", reason);
        _retried.Add(1, tags);
    }

    private static TagList Tags(string kind, string key) => new() { { "kind", kind }, { "purpose", Purpose(key) } };

    private double OldestAgeSeconds() =>
        Backlog()?.OldestPendingSince is { } oldest ? Math.Max(0, (_clock.Time.GetUtcNow() - oldest).TotalSeconds) : 0;

    private OutboxBacklog? Backlog()
    {
        lock (_backlogLock)
        {
            if (_backlog is null || Stopwatch.GetElapsedTime(_backlogReadAt) >= BacklogCacheFor)
            {
                try
                {
                    _backlog = _store.Backlog();
                    _backlogReadAt = Stopwatch.GetTimestamp();
                }
                catch (Exception ex)
                {
                    // A scrape must not fail over it; the health check reports a database that cannot be read.
                    _log.LogDebug(ex, "Could not read the outbox backlog for metrics");
                }
            }

            return _backlog;
        }
    }
}
