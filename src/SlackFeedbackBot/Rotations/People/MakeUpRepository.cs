using Dapper;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Rotations.People;

/// <summary>A missed shift one person owes, and the make-up shift they booked for it (if any).</summary>
public sealed record MakeUp(string MissedShiftKey, string UserId, long RotationId, string? MakeUpShiftKey, DateTimeOffset? RepaidAt);

/// <summary>The <c>rotation_makeups</c> table: offered, booked, repaid.</summary>
public sealed class MakeUpRepository(Database database)
{
    private const string Columns =
        "missed_shift_key AS MissedShiftKey, user_id AS UserId, rotation_id AS RotationId, makeup_shift_key AS MakeUpShiftKey, repaid_at AS RepaidAt";

    public async Task OfferAsync(string missedShiftKey, string userId, long rotationId, DateTimeOffset now)
    {
        using var connection = database.Open();
        await connection.ExecuteAsync(
            "INSERT INTO rotation_makeups (missed_shift_key, user_id, rotation_id, offered_at) VALUES (@missedShiftKey, @userId, @rotationId, @now) ON CONFLICT DO NOTHING",
            new { missedShiftKey, userId, rotationId, now = now.ToUnixTimeMilliseconds() });
    }

    public async Task<MakeUp?> FindAsync(string missedShiftKey, string userId)
    {
        using var connection = database.Open();
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            $"SELECT {Columns} FROM rotation_makeups WHERE missed_shift_key = @missedShiftKey AND user_id = @userId", new { missedShiftKey, userId });
        return row?.ToMakeUp();
    }

    public async Task<MakeUp?> ForMakeUpShiftAsync(string makeUpShiftKey)
    {
        using var connection = database.Open();
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            $"SELECT {Columns} FROM rotation_makeups WHERE makeup_shift_key = @makeUpShiftKey", new { makeUpShiftKey });
        return row?.ToMakeUp();
    }

    /// <summary>Marks the offer booked; false when it was booked already (a second click, or another slot).</summary>
    public async Task<bool> BookAsync(string missedShiftKey, string userId, string makeUpShiftKey, DateTimeOffset now)
    {
        using var connection = database.Open();
        return await connection.ExecuteAsync(
            """
            UPDATE rotation_makeups SET makeup_shift_key = @makeUpShiftKey, booked_at = @now
            WHERE missed_shift_key = @missedShiftKey AND user_id = @userId AND makeup_shift_key IS NULL
            """,
            new { missedShiftKey, userId, makeUpShiftKey, now = now.ToUnixTimeMilliseconds() }) > 0;
    }

    public async Task RepaidAsync(string makeUpShiftKey, DateTimeOffset now)
    {
        using var connection = database.Open();
        await connection.ExecuteAsync(
            "UPDATE rotation_makeups SET repaid_at = @now WHERE makeup_shift_key = @makeUpShiftKey AND repaid_at IS NULL",
            new { makeUpShiftKey, now = now.ToUnixTimeMilliseconds() });
    }

    private sealed class Row
    {
        public string MissedShiftKey { get; set; } = "";
        public string UserId { get; set; } = "";
        public long RotationId { get; set; }
        public string? MakeUpShiftKey { get; set; }
        public long? RepaidAt { get; set; }

        public MakeUp ToMakeUp() => new(MissedShiftKey, UserId, RotationId, MakeUpShiftKey, RepaidAt is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
    }
}
