using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SlackFeedbackBot.Slack.Inbox;

/// <summary>
/// What the inbox's single writer spends its time on, as instruments of the meter <see cref="MeterName"/>
/// (read with <c>dotnet-counters monitor --counters SlackFeedbackBot.Slack.Inbox</c>): how long callers wait for
/// their commit, how long a group commit takes and how many writes it carries, and how long resetting the
/// write-ahead log holds the writer up. Recording costs next to nothing while no one listens.
/// </summary>
public sealed class SlackInboxMetrics
{
    public const string MeterName = "SlackFeedbackBot.Slack.Inbox";

    private readonly Histogram<double> _wait;
    private readonly Histogram<double> _commit;
    private readonly Histogram<int> _batch;
    private readonly Histogram<double> _walReset;
    private readonly Counter<long> _walResets;
    private readonly Histogram<double> _checkpoint;

    public SlackInboxMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _wait = meter.CreateHistogram<double>("slack.inbox.write.wait", "ms", "From a write being queued to its commit (what an ack waits for).");
        _commit = meter.CreateHistogram<double>("slack.inbox.commit.duration", "ms", "One group commit: its transaction, from begin to commit.");
        _batch = meter.CreateHistogram<int>("slack.inbox.commit.writes", "{write}", "Writes in one group commit.");
        _walReset = meter.CreateHistogram<double>("slack.inbox.wal.reset.duration", "ms", "A RESTART checkpoint run by the writer between two commits (it starts the log over).");
        _walResets = meter.CreateCounter<long>("slack.inbox.wal.resets", "{reset}", "RESTART checkpoints run by the writer.");
        _checkpoint = meter.CreateHistogram<double>("slack.inbox.checkpoint.duration", "ms", "A PASSIVE checkpoint on the background connection (the writer does not wait for it).");
    }

    internal bool Enabled => _wait.Enabled || _commit.Enabled || _batch.Enabled || _walReset.Enabled;

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
