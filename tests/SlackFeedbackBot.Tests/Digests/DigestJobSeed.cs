using Dapper;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Tests.Digests;

/// <summary>Puts feedback, resolutions, alerts and rotation ledger rows into a real bot database for the digest tests.</summary>
public sealed class DigestJobSeed(Database database)
{
    private readonly FeedbackRepository _feedback = new(database);

    /// <summary>Monday 23 November 2026, the first day of ISO week 2026-W48.</summary>
    public static readonly DateTimeOffset Week48 = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    public FeedbackRepository Feedback => _feedback;

    public long Item(string text, string bucket, DateTimeOffset at, string? customer = null, string? reporter = null, string? shiftKey = null, string? area = null)
    {
        var record = _feedback.Capture(
            new FeedbackCapture { Text = text, Customer = customer, ReporterId = reporter, CreatedAt = at, CapturePath = CapturePaths.Command },
            bucket, null, shiftKey, at);
        if (area is not null)
        {
            using var connection = database.Open();
            connection.Execute("UPDATE feedback_items SET product_area = @area WHERE id = @id", new { area, id = record.Item.Id });
        }

        return record.Item.Id;
    }

    public void MeToo(long itemId, string reporter, string customer, DateTimeOffset at) =>
        _feedback.AddReport(itemId, new FeedbackReport { ReporterId = reporter, Text = "same here", Customer = customer, CreatedAtMs = at.ToUnixTimeMilliseconds() });

    public void Resolve(long itemId, string resolution, DateTimeOffset at, params string[] told)
    {
        _feedback.Resolve(itemId, "ULEAD", resolution, at);
        foreach (var reporter in told)
        {
            _feedback.TryClaimNotification(itemId, reporter, at);
        }
    }

    public void Delete(long itemId)
    {
        using var connection = database.Open();
        connection.Execute("UPDATE feedback_items SET status = 'deleted' WHERE id = @itemId", new { itemId });
    }

    public void Alert(string key, long itemId, DateTimeOffset at) => _feedback.TryRecordAlert(key, itemId, at);

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
