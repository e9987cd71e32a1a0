using System.Diagnostics;
using System.Diagnostics.Metrics;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Observability;

namespace SlackFeedbackBot.Slack.Inbox;

/// <summary>
/// The inbox as instruments of the meter <see cref="MeterName"/>: what arrives and how it ends (handled, retried,
/// parked, a repeat dropped, nothing to do), how long the ack took, how many requests wait and how old the oldest is
/// (read from the processor's in-memory queue, no query), and what the single writer spends its time on (how long
/// callers wait for their commit, how long a group commit takes and how many writes it carries, how long resetting the
/// write-ahead log holds the writer up). Recording costs next to nothing while no one listens.
/// </summary>
public sealed class SlackInboxMetrics
{
    public const string MeterName = "SlackFeedbackBot.Slack.Inbox";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _ack;
    private readonly Histogram<double> _wait;
    private readonly Histogram<double> _commit;
    private readonly Histogram<int> _batch;
    private readonly Histogram<double> _walReset;
    private readonly Counter<long> _walResets;
    private readonly Histogram<double> _checkpoint;

    public SlackInboxMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _requests = _meter.CreateCounter<long>("slackfeedbackbot.inbox.requests", "{request}", "Requests from Slack by kind and what became of them: handled, retried, parked, duplicate, no_handler.");
        _ack = _meter.CreateHistogram<double>("slackfeedbackbot.inbox.ack.duration", "s", "From a request reaching the inbox to its ack being ready (stored, and the handler's reply when it goes in the ack).", advice: MetricConventions.DurationAdvice);
        _wait = _meter.CreateHistogram<double>("slackfeedbackbot.inbox.write.wait", "ms", "From a write being queued to its commit (what an ack waits for).");
        _commit = _meter.CreateHistogram<double>("slackfeedbackbot.inbox.commit.duration", "ms", "One group commit: its transaction, from begin to commit.");
        _batch = _meter.CreateHistogram<int>("slackfeedbackbot.inbox.commit.writes", "{write}", "Writes in one group commit.");
        _walReset = _meter.CreateHistogram<double>("slackfeedbackbot.inbox.wal.reset.duration", "ms", "A RESTART checkpoint run by the writer between two commits (it starts the log over).");
        _walResets = _meter.CreateCounter<long>("slackfeedbackbot.inbox.wal.resets", "{reset}", "RESTART checkpoints run by the writer.");
        _checkpoint = _meter.CreateHistogram<double>("slackfeedbackbot.inbox.checkpoint.duration", "ms", "A PASSIVE checkpoint on the background connection (the writer does not wait for it).");
    }

    internal bool Enabled => _wait.Enabled || _commit.Enabled || _batch.Enabled || _walReset.Enabled;

    /// <summary>The gauges of the queue, read when metrics are collected.</summary>
    /// <param name="depth">Requests received and not yet handled (queued, running or waiting for a retry).</param>
    /// <param name="oldestAge">How long the oldest of them has waited, in seconds; 0 when none waits.</param>
    internal void ObserveQueue(Func<int> depth, Func<double> oldestAge)
    {
        _meter.CreateObservableGauge("slackfeedbackbot.inbox.depth", depth, "{request}", "Requests received and not yet handled (queued, running or waiting for a retry).");
        _meter.CreateObservableGauge("slackfeedbackbot.inbox.oldest.age", oldestAge, "s", "How long the oldest request not yet handled has waited since Slack delivered it; 0 when none waits.");
    }

    internal void Request(SlackRequestKind kind, string outcome) =>
        _requests.Add(1, new KeyValuePair<string, object?>("kind", MetricConventions.KindName(kind)), new KeyValuePair<string, object?>("outcome", outcome));

    internal void Acked(SlackRequestKind kind, long startedTimestamp) =>
        _ack.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, new KeyValuePair<string, object?>("kind", MetricConventions.KindName(kind)));

    internal void Committed(long startedTimestamp, int writes)
    {
        _commit.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds);
        _batch.Record(writes);
    }

    internal void Waited(long queuedTimestamp) => _wait.Record(Stopwatch.GetElapsedTime(queuedTimestamp).TotalMilliseconds);

    /// <param name="busy">A reader or another checkpoint kept the log from being started over.</param>
    internal void WalReset(TimeSpan pause, bool busy)
    {
        var outcome = new KeyValuePair<string, object?>("outcome", busy ? "busy" : "reset");
        _walReset.Record(pause.TotalMilliseconds, outcome);
        _walResets.Add(1, outcome);
    }

    internal void Checkpointed(TimeSpan duration) => _checkpoint.Record(duration.TotalMilliseconds);
}

/// <summary>The outcomes the inbox counts requests by.</summary>
internal static class InboxOutcomes
{
    public const string Handled = "handled";
    public const string Retried = "retried";
    public const string Parked = "parked";
    public const string Duplicate = "duplicate";
    public const string NoHandler = "no_handler";
}
