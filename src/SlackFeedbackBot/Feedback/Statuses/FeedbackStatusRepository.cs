using System.Data.Common;
using Dapper;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Feedback;

/// <summary>One move of an item between statuses, as <c>feedback_status_changes</c> keeps it.</summary>
public sealed record StatusChange
{
    public long Id { get; init; }
    public long ItemId { get; init; }
    public string FromStatus { get; init; } = "";
    public string ToStatus { get; init; } = "";
    public string? Reason { get; init; }
    public string ChangedBy { get; init; } = "";
    public long ChangedAtMs { get; init; }
    public bool Tell { get; init; }
    public int Told { get; init; }

    public DateTimeOffset ChangedAt => DateTimeOffset.FromUnixTimeMilliseconds(ChangedAtMs);
}

/// <summary>An item's status and its history of moves (feedback_items.status, feedback_status_changes).</summary>
public sealed class FeedbackStatusRepository(Database database)
{
    private const string ChangeColumns = """
        id AS Id, item_id AS ItemId, from_status AS FromStatus, to_status AS ToStatus, reason AS Reason,
        changed_by AS ChangedBy, changed_at AS ChangedAtMs, tell AS Tell, told AS Told
        """;

    /// <summary>
    /// Moves an item to open, planned or not_yet and records the move, in one transaction. Leaving resolved starts a
    /// new resolution round (as reopening does), so resolving it later tells every reporter again. Null when there is
    /// no such item.
    /// </summary>
    public StatusChange? Move(long itemId, string toStatus, string? reason, string changedBy, bool tell, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        var from = connection.QuerySingleOrDefault<string?>("SELECT status FROM feedback_items WHERE id = @itemId", new { itemId }, tx);
        if (from is null)
        {
            return null;
        }

        var nowMs = now.ToUnixTimeMilliseconds();
        if (from == FeedbackStatus.Resolved)
        {
            connection.Execute("""
                UPDATE feedback_items SET status = @toStatus, resolved_by = NULL, resolution = NULL, resolved_at = NULL,
                    updated_at = @nowMs, resolution_round = resolution_round + 1
                WHERE id = @itemId
                """, new { itemId, toStatus, nowMs }, tx);
            // A new round: whoever was told of the last resolve is told of the next one.
            OnceOnly.Forget(connection, tx, FeedbackOnceKeys.ToldAbout(itemId));
        }
        else
        {
            connection.Execute("UPDATE feedback_items SET status = @toStatus, updated_at = @nowMs WHERE id = @itemId", new { itemId, toStatus, nowMs }, tx);
        }

        var change = Insert(connection, tx, itemId, from, toStatus, reason, changedBy, tell, nowMs);
        tx.Commit();
        return change;
    }

    /// <summary>Records a move another part of the feature made (a resolve), with its reason.</summary>
    public StatusChange Record(long itemId, string fromStatus, string toStatus, string? reason, string changedBy, bool tell, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        var change = Insert(connection, tx, itemId, fromStatus, toStatus, reason, changedBy, tell, now.ToUnixTimeMilliseconds());
        tx.Commit();
        return change;
    }

    public void SetTold(long changeId, int told)
    {
        using var connection = database.Open();
        connection.Execute("UPDATE feedback_status_changes SET told = @told WHERE id = @changeId", new { changeId, told });
    }

    /// <summary>The item's latest move, or null when it never moved.</summary>
    public StatusChange? Latest(long itemId)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<StatusChange>(
            $"SELECT {ChangeColumns} FROM feedback_status_changes WHERE item_id = @itemId ORDER BY id DESC LIMIT 1", new { itemId });
    }

    /// <summary>Every move of the item, oldest first.</summary>
    public IReadOnlyList<StatusChange> History(long itemId)
    {
        using var connection = database.Open();
        return connection.Query<StatusChange>($"SELECT {ChangeColumns} FROM feedback_status_changes WHERE item_id = @itemId ORDER BY id", new { itemId }).AsList();
    }

    private static StatusChange Insert(DbConnection connection, System.Data.IDbTransaction tx, long itemId, string from, string to, string? reason, string changedBy, bool tell, long nowMs) =>
        connection.QuerySingle<StatusChange>($"""
            INSERT INTO feedback_status_changes (item_id, from_status, to_status, reason, changed_by, changed_at, tell)
            VALUES (@itemId, @from, @to, @reason, @changedBy, @nowMs, @tell)
            RETURNING {ChangeColumns}
            """, new { itemId, from, to, reason, changedBy, nowMs, tell = tell ? 1 : 0 }, tx);
}
