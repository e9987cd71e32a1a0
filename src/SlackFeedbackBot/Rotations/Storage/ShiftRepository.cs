using Dapper;
using SlackFeedbackBot.Rotations.Planning;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Rotations.Storage;

public enum ShiftStatus
{
    Planned,
    Cancelled,
}

/// <summary>A stored shift: who holds it now (after swaps), and whether it still happens.</summary>
public sealed record Shift(string Key, long RotationId, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<string> Assignees, string? Pro, ShiftStatus Status)
{
    public IEnumerable<string> Participants => Pro is null ? Assignees : Assignees.Append(Pro);

    public bool IsParticipant(string userId) => Participants.Contains(userId, StringComparer.Ordinal);

    public PlannedShift ToPlanned() => new(Key, Start, End, Assignees, Pro);
}

public sealed record SwapRequest(long Id, string ShiftKey, string FromUser, string ToUser, string Status);

public sealed record HandoffNote(string UserId, string Note, DateTimeOffset At);

/// <summary>Shifts and what happens around them: the ledger, acknowledgements, hand-off notes and swap requests.</summary>
public sealed class ShiftRepository(Database database)
{
    private const string ShiftColumns =
        "key AS Key, rotation_id AS RotationId, start_at AS StartAt, end_at AS EndAt, assignees AS Assignees, pro AS Pro, status AS Status";

    /// <summary>
    /// @userId is one of the assignees (a comma-separated list) or the pro. SQLite's LIKE ignores ASCII case and
    /// PostgreSQL's does not: both sides lowered, it matches the same on both.
    /// </summary>
    private const string TakesPart = "(lower(',' || assignees || ',') LIKE lower('%,' || @userId || ',%') OR pro = @userId)";

    private const string UpsertSql =
        """
        INSERT INTO rotation_shifts (key, rotation_id, start_at, end_at, assignees, pro, status, created_at, updated_at)
        VALUES (@Key, @rotationId, @start, @end, @assignees, @Pro, 'planned', @now, @now)
        ON CONFLICT (key) DO UPDATE SET start_at = excluded.start_at, end_at = excluded.end_at, assignees = excluded.assignees,
            pro = excluded.pro, status = 'planned', updated_at = excluded.updated_at
        WHERE rotation_shifts.assignees <> excluded.assignees OR rotation_shifts.status <> 'planned'
           OR COALESCE(rotation_shifts.pro, '') <> COALESCE(excluded.pro, '') OR rotation_shifts.end_at <> excluded.end_at
        """;

    // A ledger row is written once per shift, person and outcome (the table's unique key): a repeated wrap-up adds nothing.
    private const string RecordSql =
        """
        INSERT INTO rotation_ledger (rotation_id, shift_key, user_id, shift_start, outcome, recorded_at)
        VALUES (@rotationId, @shiftKey, @userId, @start, @outcome, @now)
        ON CONFLICT DO NOTHING
        """;

    public async Task<Shift?> FindAsync(string key)
    {
        using var connection = database.Open();
        var row = await connection.QuerySingleOrDefaultAsync<ShiftRow>($"SELECT {ShiftColumns} FROM rotation_shifts WHERE key = @key", new { key });
        return row?.ToShift();
    }

    /// <summary>Planned shifts of a rotation overlapping [from, to), in time order.</summary>
    public async Task<IReadOnlyList<Shift>> ListAsync(long rotationId, DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<ShiftRow>(
            $"SELECT {ShiftColumns} FROM rotation_shifts WHERE rotation_id = @rotationId AND status = 'planned' AND end_at > @from AND start_at < @to ORDER BY start_at",
            new { rotationId, from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() });
        return rows.Select(r => r.ToShift()).ToList();
    }

    /// <summary>Planned shifts of other rotations than <paramref name="rotationId"/> that have not ended by <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<Shift>> OtherRotationsAsync(long rotationId, DateTimeOffset after)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<ShiftRow>(
            $"SELECT {ShiftColumns} FROM rotation_shifts WHERE rotation_id <> @rotationId AND status = 'planned' AND end_at > @after ORDER BY start_at",
            new { rotationId, after = after.ToUnixTimeMilliseconds() });
        return rows.Select(r => r.ToShift()).ToList();
    }

    /// <summary>The person's planned shifts, in any rotation, that overlap [start, end), other than <paramref name="exceptKey"/>.</summary>
    public async Task<IReadOnlyList<Shift>> OverlappingForAsync(string userId, DateTimeOffset start, DateTimeOffset end, string? exceptKey = null)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<ShiftRow>(
            $"""
             SELECT {ShiftColumns} FROM rotation_shifts
             WHERE status = 'planned' AND end_at > @start AND start_at < @end AND key <> COALESCE(@exceptKey, '')
               AND {TakesPart}
             ORDER BY start_at
             """,
            new { userId, start = start.ToUnixTimeMilliseconds(), end = end.ToUnixTimeMilliseconds(), exceptKey });
        return rows.Select(r => r.ToShift()).ToList();
    }

    /// <summary>Planned shifts the person takes part in that have not ended by <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<Shift>> UpcomingForAsync(string userId, DateTimeOffset after, int limit = 10)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<ShiftRow>(
            $"""
             SELECT {ShiftColumns} FROM rotation_shifts
             WHERE status = 'planned' AND end_at > @after
               AND {TakesPart}
             ORDER BY start_at LIMIT @limit
             """,
            new { userId, after = after.ToUnixTimeMilliseconds(), limit });
        return rows.Select(r => r.ToShift()).ToList();
    }

    /// <summary>The shift the person is on at the instant, if any.</summary>
    public async Task<Shift?> CurrentForAsync(string userId, DateTimeOffset at)
    {
        var shifts = await UpcomingForAsync(userId, at, 5);
        return shifts.FirstOrDefault(s => s.Start <= at && at < s.End);
    }

    /// <summary>The latest shift of the rotation that starts at or after <paramref name="after"/> (the next hand-off target).</summary>
    public async Task<Shift?> NextAfterAsync(long rotationId, DateTimeOffset after)
    {
        using var connection = database.Open();
        var row = await connection.QueryFirstOrDefaultAsync<ShiftRow>(
            $"SELECT {ShiftColumns} FROM rotation_shifts WHERE rotation_id = @rotationId AND status = 'planned' AND start_at >= @after ORDER BY start_at LIMIT 1",
            new { rotationId, after = after.ToUnixTimeMilliseconds() });
        return row?.ToShift();
    }

    /// <summary>Stores a planned shift (re-activating a cancelled one of the same key). Returns true when it is new or changed.</summary>
    public async Task<bool> UpsertAsync(long rotationId, PlannedShift shift, DateTimeOffset now)
    {
        using var connection = database.Open();
        return await connection.ExecuteAsync(UpsertSql, UpsertParameters(rotationId, shift, now)) > 0;
    }

    /// <summary>
    /// Stores a planned window's shifts as <see cref="UpsertAsync"/> does, in one transaction (a window is stored whole
    /// or not at all, and PostgreSQL commits once rather than once a shift). Returns them as stored, in the given order.
    /// </summary>
    public async Task<IReadOnlyList<Shift>> UpsertAllAsync(long rotationId, IReadOnlyList<PlannedShift> shifts, DateTimeOffset now)
    {
        if (shifts.Count == 0)
        {
            return [];
        }

        using var connection = database.Open();
        using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(UpsertSql, shifts.Select(shift => UpsertParameters(rotationId, shift, now)), tx);
        var stored = (await connection.QueryAsync<ShiftRow>(
            $"SELECT {ShiftColumns} FROM rotation_shifts WHERE rotation_id = @rotationId AND start_at >= @from AND start_at <= @to",
            new { rotationId, from = shifts.Min(s => s.Start).ToUnixTimeMilliseconds(), to = shifts.Max(s => s.Start).ToUnixTimeMilliseconds() },
            tx)).ToDictionary(r => r.Key, r => r.ToShift(), StringComparer.Ordinal);
        await tx.CommitAsync();
        return shifts.Select(s => stored.TryGetValue(s.Key, out var shift) ? shift : throw new InvalidOperationException($"Shift {s.Key} was not stored.")).ToList();
    }

    private static object UpsertParameters(long rotationId, PlannedShift shift, DateTimeOffset now) => new
    {
        shift.Key,
        rotationId,
        start = shift.Start.ToUnixTimeMilliseconds(),
        end = shift.End.ToUnixTimeMilliseconds(),
        assignees = RotationRepository.Join(shift.Assignees),
        shift.Pro,
        now = now.ToUnixTimeMilliseconds(),
    };

    public async Task CancelAsync(string key, DateTimeOffset now)
    {
        using var connection = database.Open();
        await connection.ExecuteAsync(
            "UPDATE rotation_shifts SET status = 'cancelled', updated_at = @now WHERE key = @key",
            new { key, now = now.ToUnixTimeMilliseconds() });
    }

    /// <summary>
    /// History for the planner: the ledger, plus every planned shift before <paramref name="before"/> not yet settled in the
    /// ledger counted as served (it is owed to nobody: someone holds it).
    /// </summary>
    public async Task<IReadOnlyList<LedgerEntry>> HistoryAsync(long rotationId, DateTimeOffset before)
    {
        using var connection = database.Open();
        var settled = (await connection.QueryAsync<(string UserId, long ShiftStart, string Outcome)>(
            "SELECT user_id, shift_start, outcome FROM rotation_ledger WHERE rotation_id = @rotationId AND shift_start < @before",
            new { rotationId, before = before.ToUnixTimeMilliseconds() }))
            .Select(r => new LedgerEntry(r.UserId, DateTimeOffset.FromUnixTimeMilliseconds(r.ShiftStart), ParseOutcome(r.Outcome)))
            .ToList();
        var unsettled = await connection.QueryAsync<ShiftRow>(
            $"SELECT {ShiftColumns} FROM rotation_shifts WHERE rotation_id = @rotationId AND status = 'planned' AND start_at < @before",
            new { rotationId, before = before.ToUnixTimeMilliseconds() });
        var settledKeys = (await connection.QueryAsync<(string ShiftKey, string UserId)>(
            "SELECT shift_key, user_id FROM rotation_ledger WHERE rotation_id = @rotationId", new { rotationId })).ToHashSet();
        foreach (var shift in unsettled.Select(r => r.ToShift()))
        {
            settled.AddRange(shift.Participants
                .Where(user => !settledKeys.Contains((shift.Key, user)))
                .Select(user => new LedgerEntry(user, shift.Start, ShiftOutcome.Served)));
        }

        return settled;
    }

    public async Task RecordAsync(long rotationId, string shiftKey, string userId, DateTimeOffset shiftStart, ShiftOutcome outcome, DateTimeOffset now)
    {
        using var connection = database.Open();
        await connection.ExecuteAsync(
            RecordSql,
            new { rotationId, shiftKey, userId, start = shiftStart.ToUnixTimeMilliseconds(), outcome = FormatOutcome(outcome), now = now.ToUnixTimeMilliseconds() });
    }

    public async Task<IReadOnlyList<(string UserId, ShiftOutcome Outcome)>> LedgerForShiftAsync(string shiftKey)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<(string UserId, string Outcome)>(
            "SELECT user_id, outcome FROM rotation_ledger WHERE shift_key = @shiftKey ORDER BY id", new { shiftKey });
        return rows.Select(r => (r.UserId, ParseOutcome(r.Outcome))).ToList();
    }

    /// <summary>Records the acknowledgement; false when it was already there.</summary>
    public async Task<bool> AckAsync(string shiftKey, string userId, DateTimeOffset at)
    {
        using var connection = database.Open();
        return await connection.ExecuteAsync(
            "INSERT INTO rotation_acks (shift_key, user_id, acked_at) VALUES (@shiftKey, @userId, @at) ON CONFLICT DO NOTHING",
            new { shiftKey, userId, at = at.ToUnixTimeMilliseconds() }) > 0;
    }

    public async Task<IReadOnlySet<string>> AckedAsync(string shiftKey)
    {
        using var connection = database.Open();
        return (await connection.QueryAsync<string>("SELECT user_id FROM rotation_acks WHERE shift_key = @shiftKey", new { shiftKey })).ToHashSet(StringComparer.Ordinal);
    }

    public async Task AddHandoffNoteAsync(string shiftKey, string userId, string note, DateTimeOffset at)
    {
        using var connection = database.Open();
        await connection.ExecuteAsync(
            "INSERT INTO rotation_handoff_notes (shift_key, user_id, note, created_at) VALUES (@shiftKey, @userId, @note, @at)",
            new { shiftKey, userId, note, at = at.ToUnixTimeMilliseconds() });
    }

    public async Task<IReadOnlyList<HandoffNote>> HandoffNotesAsync(string shiftKey)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<(string UserId, string Note, long CreatedAt)>(
            "SELECT user_id, note, created_at FROM rotation_handoff_notes WHERE shift_key = @shiftKey ORDER BY id", new { shiftKey });
        return rows.Select(r => new HandoffNote(r.UserId, r.Note, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt))).ToList();
    }

    public async Task<long> AddSwapRequestAsync(string shiftKey, string fromUser, string toUser, DateTimeOffset at)
    {
        using var connection = database.Open();
        return await connection.ExecuteScalarAsync<long>(
            "INSERT INTO rotation_swap_requests (shift_key, from_user, to_user, status, created_at) VALUES (@shiftKey, @fromUser, @toUser, 'pending', @at) RETURNING id",
            new { shiftKey, fromUser, toUser, at = at.ToUnixTimeMilliseconds() });
    }

    public async Task<SwapRequest?> FindSwapRequestAsync(long id)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<(long Id, string ShiftKey, string FromUser, string ToUser, string Status)>(
            "SELECT id, shift_key, from_user, to_user, status FROM rotation_swap_requests WHERE id = @id", new { id });
        return rows.Select(r => new SwapRequest(r.Id, r.ShiftKey, r.FromUser, r.ToUser, r.Status)).SingleOrDefault();
    }

    /// <summary>
    /// Accepts a pending swap in one transaction: the shift's assignee changes and the ledger records both sides.
    /// Returns false (and changes nothing) when the request is no longer pending or the requester no longer holds the shift.
    /// </summary>
    public async Task<bool> AcceptSwapAsync(SwapRequest request, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        var row = await connection.QuerySingleOrDefaultAsync<ShiftRow>(
            $"SELECT {ShiftColumns} FROM rotation_shifts WHERE key = @key", new { key = request.ShiftKey }, tx);
        var shift = row?.ToShift();
        var marked = await connection.ExecuteAsync(
            "UPDATE rotation_swap_requests SET status = 'accepted', decided_at = @now WHERE id = @id AND status = 'pending'",
            new { id = request.Id, now = now.ToUnixTimeMilliseconds() }, tx);
        if (marked == 0 || shift is null || shift.Status != ShiftStatus.Planned || shift.Start <= now
            || !shift.IsParticipant(request.FromUser) || shift.IsParticipant(request.ToUser))
        {
            tx.Rollback();
            return false;
        }

        var assignees = shift.Assignees.Select(a => a == request.FromUser ? request.ToUser : a).Order(StringComparer.Ordinal).ToList();
        var pro = shift.Pro == request.FromUser ? request.ToUser : shift.Pro;
        // Only if the shift is still as read: another swap of it accepted meanwhile (PostgreSQL reads without waiting
        // for it) leaves this one nothing to change, and it is given up.
        var moved = await connection.ExecuteAsync(
            """
            UPDATE rotation_shifts SET assignees = @assignees, pro = @pro, updated_at = @now
            WHERE key = @key AND status = 'planned' AND assignees = @wereAssignees AND COALESCE(pro, '') = COALESCE(@werePro, '')
            """,
            new
            {
                key = shift.Key,
                assignees = RotationRepository.Join(assignees),
                pro,
                now = now.ToUnixTimeMilliseconds(),
                wereAssignees = row!.Assignees,
                werePro = shift.Pro,
            },
            tx);
        if (moved == 0)
        {
            tx.Rollback();
            return false;
        }

        foreach (var (user, outcome) in new[] { (request.FromUser, ShiftOutcome.SwappedAway), (request.ToUser, ShiftOutcome.SwappedIn) })
        {
            await connection.ExecuteAsync(
                RecordSql,
                new { rotationId = shift.RotationId, shiftKey = shift.Key, userId = user, start = shift.Start.ToUnixTimeMilliseconds(), outcome = FormatOutcome(outcome), now = now.ToUnixTimeMilliseconds() },
                tx);
        }

        tx.Commit();
        return true;
    }

    public async Task<bool> DeclineSwapAsync(long id, DateTimeOffset now)
    {
        using var connection = database.Open();
        return await connection.ExecuteAsync(
            "UPDATE rotation_swap_requests SET status = 'declined', decided_at = @now WHERE id = @id AND status = 'pending'",
            new { id, now = now.ToUnixTimeMilliseconds() }) > 0;
    }

    public static string FormatOutcome(ShiftOutcome outcome) => outcome switch
    {
        ShiftOutcome.Served => "served",
        ShiftOutcome.Skipped => "skipped",
        ShiftOutcome.SwappedAway => "swapped_away",
        ShiftOutcome.SwappedIn => "swapped_in",
        _ => "missed",
    };

    public static ShiftOutcome ParseOutcome(string outcome) => outcome switch
    {
        "served" => ShiftOutcome.Served,
        "skipped" => ShiftOutcome.Skipped,
        "swapped_away" => ShiftOutcome.SwappedAway,
        "swapped_in" => ShiftOutcome.SwappedIn,
        _ => ShiftOutcome.Missed,
    };

    private sealed class ShiftRow
    {
        public string Key { get; set; } = "";
        public long RotationId { get; set; }
        public long StartAt { get; set; }
        public long EndAt { get; set; }
        public string Assignees { get; set; } = "";
        public string? Pro { get; set; }
        public string Status { get; set; } = "";

        public Shift ToShift() => new(
            Key,
            RotationId,
            DateTimeOffset.FromUnixTimeMilliseconds(StartAt),
            DateTimeOffset.FromUnixTimeMilliseconds(EndAt),
            RotationRepository.Split(Assignees),
            Pro,
            Status == "cancelled" ? ShiftStatus.Cancelled : ShiftStatus.Planned);
    }
}
