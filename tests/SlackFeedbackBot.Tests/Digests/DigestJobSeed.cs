using Dapper;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Feedback;

namespace SlackFeedbackBot.Tests.Digests;

/// <summary>Puts feedback, resolutions, alerts and rotation ledger rows into a real bot database (SQLite or PostgreSQL) for the digest tests, with plain SQL.</summary>
public sealed class DigestJobSeed(Database database)
{
    private readonly FeedbackRows _rows = new(database);

    /// <summary>Monday 23 November 2026, the first day of ISO week 2026-W48.</summary>
    public static readonly DateTimeOffset Week48 = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    public long Item(string text, string bucket, DateTimeOffset at, string? customer = null, string? reporter = null, string? shiftKey = null, string? area = null) =>
        _rows.Item(text, bucket, at, customer, reporter, shiftKey, area);

    public void MeToo(long itemId, string reporter, string customer, DateTimeOffset at) => _rows.Report(itemId, reporter, customer, at);

    public void Resolve(long itemId, string resolution, DateTimeOffset at, params string[] told)
    {
        _rows.Resolve(itemId, "ULEAD", resolution, at);
        var once = new OnceOnly(database);
        foreach (var reporter in told)
        {
            once.TryClaim(FeedbackOnceKeys.Told(itemId, reporter), at);
        }
    }

    public void Delete(long itemId) => _rows.SetStatus(itemId, "deleted");

    public void NotYet(long itemId) => _rows.SetStatus(itemId, "not_yet");

    /// <summary>The reporter's answer to "How important is this to you, and why?".</summary>
    public void Why(long itemId, string answer, DateTimeOffset at) => _rows.AnswerWhy(itemId, answer, at);

    public void Alert(string key, long itemId, DateTimeOffset at) => new OnceOnly(database).TryClaim(FeedbackOnceKeys.Alert(itemId, key), at);

    public void Ledger(string userId, string outcome, DateTimeOffset shiftStart)
    {
        using var connection = database.Open();
        var now = shiftStart.ToUnixTimeMilliseconds();
        connection.Execute(
            """
            INSERT INTO rotations (name, support_channel, owners, time_zone, shift_minutes, cadence, people_per_shift, support_hours,
                working_days, holidays, support_pros, reminder_offsets, nudge_after_minutes, escalate_after_minutes, set_topic, created_at, updated_at)
            VALUES ('support', 'CSUPPORT', '', 'UTC', 60, '1/day', 1, '09:00-17:00', 'mon,tue,wed,thu,fri', '', '', '', 5, 30, 0, @now, @now)
            ON CONFLICT (name) DO NOTHING
            """, new { now });
        connection.Execute(
            """
            INSERT INTO rotation_ledger (rotation_id, shift_key, user_id, shift_start, outcome, recorded_at)
            VALUES ((SELECT id FROM rotations WHERE name = 'support'), @key, @userId, @now, @outcome, @now)
            """, new { key = $"support|{now}", userId, now, outcome });
    }
}
