using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Inbox;
using SlackFeedbackBot.Slack.Outbox;
using SlackFeedbackBot.Slack.Retention;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Deploy;

/// <summary>
/// The one retention sweep on the app's clock: handled and parked inbox rows, done and failed outbox tasks and capture
/// keys each go after their own setting, and nothing younger does.
/// </summary>
public sealed class RetentionSweepTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task EachKindOfRow_GoesAfterItsRetention_OnTheAppsClock()
    {
        using var dir = new TempDirectory();
        var database = new Database(dir.File("bot.db"));
        database.Initialize();
        var time = new FakeTimeProvider(Start);
        await using var inbox = new SqliteSlackInbox(database.ConnectionString, time, NullLogger<SqliteSlackInbox>.Instance);
        var clock = new OutboxClock(time);
        var outbox = new SqliteSlackOutbox(database.ConnectionString, clock);
        var slackOptions = Options.Create(new SlackOptions { HandledRetention = TimeSpan.FromDays(2), ParkedRetention = TimeSpan.FromDays(14) });
        var outboxOptions = Options.Create(new SlackOutboxOptions { KeepFinished = TimeSpan.FromDays(2), KeepFailed = TimeSpan.FromDays(14) });
        var feedbackOptions = Options.Create(new FeedbackOptions { CaptureKeyRetention = TimeSpan.FromDays(7) });

        using (var connection = database.Open())
        {
            InsertInbox(connection, "ev:handled-old", status: 1, receivedAt: Start - TimeSpan.FromDays(1));
            InsertInbox(connection, "ev:handled-new", status: 1, receivedAt: Start);
            InsertInbox(connection, "ev:parked-old", status: 2, receivedAt: Start - TimeSpan.FromDays(20), handledAt: Start - TimeSpan.FromDays(13));
            InsertInbox(connection, "ev:parked-new", status: 2, receivedAt: Start - TimeSpan.FromDays(20), handledAt: Start - TimeSpan.FromDays(10));
            InsertInbox(connection, "ev:pending-old", status: 0, receivedAt: Start - TimeSpan.FromDays(30));
            InsertOutbox(connection, "done-old", "done", Start - TimeSpan.FromDays(1));
            InsertOutbox(connection, "failed-recent", "failed", Start - TimeSpan.FromDays(1));
            InsertOutbox(connection, "failed-old", "failed", Start - TimeSpan.FromDays(13.5));
            InsertOutbox(connection, "pending-old", "pending", null);
            InsertItem(connection, "cmd:old-trigger", Start - TimeSpan.FromDays(6.5));
            InsertItem(connection, "cmd:new-trigger", Start);
        }

        var sweep = new RetentionSweep(
            [
                new InboxRetention(inbox, slackOptions, NullLogger<InboxRetention>.Instance),
                new OutboxRetention(outbox, clock, outboxOptions),
                new CaptureKeyRetention(database, feedbackOptions),
            ],
            time,
            NullLogger<RetentionSweep>.Instance);

        // At start everything is younger than its retention.
        var first = await sweep.RunOnceAsync(CancellationToken.None);
        Assert.That(first.Values, Is.All.Zero);

        await sweep.StartAsync(CancellationToken.None);
        try
        {
            time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));
            await Eventually.ThatAsync(() => Keys(database, "SELECT dedupe_key FROM slack_inbox").Count == 3, "the sweep that the clock's hour brought ran");
            await Eventually.ThatAsync(() => Keys(database, "SELECT idempotency_key FROM slack_outbox").Count == 2, "the outbox's old rows went");
            await Eventually.ThatAsync(() => Keys(database, "SELECT capture_key FROM feedback_items WHERE capture_key IS NOT NULL").Count == 1, "the old capture key went");
        }
        finally
        {
            await sweep.StopAsync(CancellationToken.None);
        }

        Assert.That(Keys(database, "SELECT dedupe_key FROM slack_inbox"), Is.EquivalentTo(new[] { "ev:handled-new", "ev:parked-new", "ev:pending-old" }));
        Assert.That(Keys(database, "SELECT idempotency_key FROM slack_outbox"), Is.EquivalentTo(new[] { "failed-recent", "pending-old" }));
        Assert.That(Keys(database, "SELECT capture_key FROM feedback_items WHERE capture_key IS NOT NULL"), Is.EquivalentTo(new[] { "cmd:new-trigger" }));
        Assert.That(Keys(database, "SELECT text FROM feedback_items"), Has.Count.EqualTo(2), "forgetting a key keeps its item");
    }

    [Test]
    public async Task TheBot_SweepsTheInbox_TheOutbox_AndCaptureKeys()
    {
        await using var host = await BotTestHost.StartAsync();

        var purged = host.Services.GetServices<IRetentionPurge>().Select(p => p.GetType()).ToList();

        Assert.That(purged, Is.EquivalentTo(new[] { typeof(InboxRetention), typeof(OutboxRetention), typeof(CaptureKeyRetention) }));
        Assert.That(host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<RetentionSweep>().Count(), Is.EqualTo(1));
    }

    private static void InsertInbox(System.Data.Common.DbConnection connection, string key, int status, DateTimeOffset receivedAt, DateTimeOffset? handledAt = null) =>
        connection.Execute(
            """
            INSERT INTO slack_inbox (dedupe_key, kind, payload, retry_num, received_at, status, attempts, handled_at)
            VALUES (@key, 'Event', '{}', 0, @receivedAt, @status, 1, @handledAt)
            """,
            new { key, status, receivedAt = receivedAt.ToUnixTimeMilliseconds(), handledAt = (handledAt ?? receivedAt).ToUnixTimeMilliseconds() });

    private static void InsertOutbox(System.Data.Common.DbConnection connection, string key, string status, DateTimeOffset? doneAt) =>
        connection.Execute(
            """
            INSERT INTO slack_outbox (idempotency_key, kind, payload, status, attempts, next_attempt_at, created_at, done_at)
            VALUES (@key, 'slack.post', '{}', @status, 1, @far, 0, @doneAt)
            """,
            // Pending tasks are due far ahead: nothing here drains them.
            new { key, status, far = (Start + TimeSpan.FromDays(365)).ToUnixTimeMilliseconds(), doneAt = doneAt?.ToUnixTimeMilliseconds() });

    private static void InsertItem(System.Data.Common.DbConnection connection, string captureKey, DateTimeOffset createdAt) =>
        connection.Execute(
            "INSERT INTO feedback_items (text, capture_path, bucket, created_at, updated_at, capture_key) VALUES (@captureKey, 'command', 'user_experience', @at, @at, @captureKey)",
            new { captureKey, at = createdAt.ToUnixTimeMilliseconds() });

    private static List<string> Keys(Database database, string sql)
    {
        using var connection = database.Open();
        return connection.Query<string>(sql).ToList();
    }
}
