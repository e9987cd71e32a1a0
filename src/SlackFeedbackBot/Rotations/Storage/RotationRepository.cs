using Dapper;
using SlackFeedbackBot.Rotations.Planning;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Rotations.Storage;

/// <summary>A person on a rotation as stored: their own time zone (override, else Slack's) and working hours.</summary>
public sealed record StoredMember(
    long RotationId,
    string UserId,
    string? TimeZoneOverride,
    string? SlackTimeZone,
    DailyHours WorkingHours,
    IReadOnlySet<DayOfWeek> WorkingDays,
    DateTimeOffset JoinedAt,
    DateTimeOffset? LeftAt,
    string? HolidayCountry = null)
{
    public string EffectiveTimeZone(string fallback) => TimeZoneOverride ?? SlackTimeZone ?? fallback;

    public bool IsActive => LeftAt is null;

    public RotationMember ToPlanner(string fallbackZone) =>
        new(UserId, EffectiveTimeZone(fallbackZone), WorkingHours, WorkingDays, JoinedAt, LeftAt) { HolidayCountry = HolidayCountry };
}

/// <summary>Rotations, their members, people's time off and the stretches already planned (SQL in one place).</summary>
public sealed class RotationRepository(Database database)
{
    private static readonly IReadOnlyList<RotationSettingDescriptor> Settings = RotationSettingDescriptors.All;

    /// <summary>Every setting's column, read by the name of the column itself.</summary>
    private static readonly string RotationColumns = "id, name, " + string.Join(", ", Settings.Select(d => d.Column));

    private static readonly string UpsertSql =
        $"""
        INSERT INTO rotations (name, {string.Join(", ", Settings.Select(d => d.Column))}, declared, created_at, updated_at)
        VALUES (@name, {string.Join(", ", Settings.Select(d => "@" + d.Column))}, @declared, @now, @now)
        ON CONFLICT (name) DO UPDATE SET
            {string.Join(", ", Settings.Select(d => $"{d.Column} = excluded.{d.Column}"))},
            declared = CASE WHEN excluded.declared > rotations.declared THEN excluded.declared ELSE rotations.declared END, updated_at = excluded.updated_at
        RETURNING id
        """;

    public async Task<IReadOnlyList<RotationSettings>> ListAsync()
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync($"SELECT {RotationColumns} FROM rotations ORDER BY name");
        return rows.Select(ToSettings).ToList();
    }

    public async Task<RotationSettings?> FindAsync(string name)
    {
        using var connection = database.Open();
        var row = await connection.QuerySingleOrDefaultAsync($"SELECT {RotationColumns} FROM rotations WHERE name = @name", new { name });
        return row is null ? null : ToSettings(row);
    }

    public async Task<RotationSettings?> FindAsync(long id)
    {
        using var connection = database.Open();
        var row = await connection.QuerySingleOrDefaultAsync($"SELECT {RotationColumns} FROM rotations WHERE id = @id", new { id });
        return row is null ? null : ToSettings(row);
    }

    public async Task<DateTimeOffset?> PlannedUntilAsync(long rotationId)
    {
        using var connection = database.Open();
        var value = await connection.ExecuteScalarAsync<long?>("SELECT planned_until FROM rotations WHERE id = @rotationId", new { rotationId });
        return value is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    /// <summary>Inserts the rotation, or replaces its definition when one of that name exists. Returns its id.</summary>
    public async Task<long> UpsertAsync(RotationSettings settings, bool declared, DateTimeOffset now)
    {
        using var connection = database.Open();
        var parameters = new DynamicParameters(new { name = settings.Name, declared = declared ? 1 : 0, now = now.ToUnixTimeMilliseconds() });
        foreach (var setting in Settings)
        {
            parameters.Add(setting.Column, setting.ToColumn(settings));
        }

        return await connection.ExecuteScalarAsync<long>(UpsertSql, parameters);
    }

    public async Task<bool> IsDeclaredAsync(long rotationId)
    {
        using var connection = database.Open();
        return await connection.ExecuteScalarAsync<long>("SELECT declared FROM rotations WHERE id = @rotationId", new { rotationId }) == 1;
    }

    public async Task<IReadOnlyList<StoredMember>> MembersAsync(long rotationId, bool includeFormer = true)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<MemberRow>(
            """
            SELECT rotation_id AS RotationId, user_id AS UserId, time_zone AS TimeZone, slack_time_zone AS SlackTimeZone,
                working_hours AS WorkingHours, working_days AS WorkingDays, joined_at AS JoinedAt, left_at AS LeftAt,
                holiday_country AS HolidayCountry
            FROM rotation_members WHERE rotation_id = @rotationId AND (@includeFormer = 1 OR left_at IS NULL) ORDER BY user_id
            """,
            new { rotationId, includeFormer = includeFormer ? 1 : 0 });
        return rows.Select(r => r.ToMember()).ToList();
    }

    /// <summary>Rotations the person is currently on.</summary>
    public async Task<IReadOnlyList<RotationSettings>> RotationsOfAsync(string userId)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync(
            $"SELECT {RotationColumns} FROM rotations WHERE id IN (SELECT rotation_id FROM rotation_members WHERE user_id = @userId AND left_at IS NULL) ORDER BY name",
            new { userId });
        return rows.Select(ToSettings).ToList();
    }

    /// <summary>Adds the person, or brings a former member back. Returns false when they are already on it.</summary>
    public async Task<bool> JoinAsync(long rotationId, string userId, DateTimeOffset at, string? timeZoneOverride = null, string? workingHours = null, string? workingDays = null)
    {
        using var connection = database.Open();
        var changed = await connection.ExecuteAsync(
            """
            INSERT INTO rotation_members (rotation_id, user_id, time_zone, working_hours, working_days, joined_at)
            VALUES (@rotationId, @userId, @timeZoneOverride, COALESCE(@workingHours, '09:00-17:00'), COALESCE(@workingDays, 'mon,tue,wed,thu,fri'), @at)
            ON CONFLICT (rotation_id, user_id) DO UPDATE SET joined_at = excluded.joined_at, left_at = NULL
            WHERE rotation_members.left_at IS NOT NULL
            """,
            new { rotationId, userId, timeZoneOverride, workingHours, workingDays, at = at.ToUnixTimeMilliseconds() });
        return changed > 0;
    }

    /// <summary>Configuration wins for a declared member's time zone and hours; joining state is left alone.</summary>
    public async Task UpdateMemberSettingsAsync(long rotationId, string userId, string? timeZoneOverride, string workingHours, string workingDays, string? holidayCountry = null)
    {
        using var connection = database.Open();
        await connection.ExecuteAsync(
            "UPDATE rotation_members SET time_zone = @timeZoneOverride, working_hours = @workingHours, working_days = @workingDays, holiday_country = @holidayCountry WHERE rotation_id = @rotationId AND user_id = @userId",
            new { rotationId, userId, timeZoneOverride, workingHours, workingDays, holidayCountry });
    }

    public async Task<bool> HasMemberRecordAsync(long rotationId, string userId)
    {
        using var connection = database.Open();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM rotation_members WHERE rotation_id = @rotationId AND user_id = @userId", new { rotationId, userId }) > 0;
    }

    public async Task<bool> LeaveAsync(long rotationId, string userId, DateTimeOffset at)
    {
        using var connection = database.Open();
        return await connection.ExecuteAsync(
            "UPDATE rotation_members SET left_at = @at WHERE rotation_id = @rotationId AND user_id = @userId AND left_at IS NULL",
            new { rotationId, userId, at = at.ToUnixTimeMilliseconds() }) > 0;
    }

    public async Task SetSlackTimeZoneAsync(string userId, string timeZone)
    {
        using var connection = database.Open();
        await connection.ExecuteAsync("UPDATE rotation_members SET slack_time_zone = @timeZone WHERE user_id = @userId", new { userId, timeZone });
    }

    public async Task<long> AddTimeOffAsync(TimeOff timeOff, DateTimeOffset now)
    {
        using var connection = database.Open();
        return await connection.ExecuteScalarAsync<long>(
            "INSERT INTO rotation_time_off (user_id, from_at, to_at, created_at) VALUES (@UserId, @From, @To, @Now) RETURNING id",
            new { timeOff.UserId, From = timeOff.From.ToUnixTimeMilliseconds(), To = timeOff.To.ToUnixTimeMilliseconds(), Now = now.ToUnixTimeMilliseconds() });
    }

    /// <summary>Time off of the given people that is not over before <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<TimeOff>> TimeOffAsync(IEnumerable<string> userIds, DateTimeOffset after)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<(string UserId, long FromAt, long ToAt)>(
            $"SELECT user_id, from_at, to_at FROM rotation_time_off WHERE {database.Dialect.InList("user_id", "@userIds")} AND to_at > @after ORDER BY from_at",
            new { userIds = userIds.ToArray(), after = after.ToUnixTimeMilliseconds() });
        return rows.Select(r => new TimeOff(r.UserId, DateTimeOffset.FromUnixTimeMilliseconds(r.FromAt), DateTimeOffset.FromUnixTimeMilliseconds(r.ToAt))).ToList();
    }

    public async Task<IReadOnlyList<PlanningPeriod>> PlanWindowsAsync(long rotationId, DateTimeOffset endingAfter)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<(long FromAt, long ToAt)>(
            "SELECT from_at, to_at FROM rotation_plan_windows WHERE rotation_id = @rotationId AND to_at > @endingAfter ORDER BY from_at",
            new { rotationId, endingAfter = endingAfter.ToUnixTimeMilliseconds() });
        return rows.Select(r => new PlanningPeriod(DateTimeOffset.FromUnixTimeMilliseconds(r.FromAt), DateTimeOffset.FromUnixTimeMilliseconds(r.ToAt))).ToList();
    }

    public async Task AddPlanWindowAsync(long rotationId, PlanningPeriod window)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        await connection.ExecuteAsync(
            "INSERT INTO rotation_plan_windows (rotation_id, from_at, to_at) VALUES (@rotationId, @from, @to) ON CONFLICT (rotation_id, from_at) DO UPDATE SET to_at = excluded.to_at",
            new { rotationId, from = window.From.ToUnixTimeMilliseconds(), to = window.To.ToUnixTimeMilliseconds() }, tx);
        await connection.ExecuteAsync(
            "UPDATE rotations SET planned_until = @to WHERE id = @rotationId",
            new { rotationId, to = window.To.ToUnixTimeMilliseconds() }, tx);
        tx.Commit();
    }

    internal static string Join(IEnumerable<string> ids) => string.Join(",", ids);

    internal static IReadOnlyList<string> Split(string? ids) =>
        string.IsNullOrWhiteSpace(ids) ? [] : ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static RotationSettings ToSettings(dynamic row)
    {
        var columns = (IDictionary<string, object?>)row;
        var settings = new RotationSettings { Id = (long)columns["id"]!, Name = (string)columns["name"]!, SupportChannel = "" };
        foreach (var setting in Settings)
        {
            settings = setting.FromColumn(settings, columns[setting.Column]);
        }

        return settings;
    }

    private sealed class MemberRow
    {
        public long RotationId { get; set; }
        public string UserId { get; set; } = "";
        public string? TimeZone { get; set; }
        public string? SlackTimeZone { get; set; }
        public string WorkingHours { get; set; } = "";
        public string WorkingDays { get; set; } = "";
        public long JoinedAt { get; set; }
        public long? LeftAt { get; set; }
        public string? HolidayCountry { get; set; }
        public StoredMember ToMember() => new(
            RotationId,
            UserId,
            TimeZone,
            SlackTimeZone,
            RotationSettingsText.ParseHours(WorkingHours),
            RotationSettingsText.ParseDays(WorkingDays),
            DateTimeOffset.FromUnixTimeMilliseconds(JoinedAt),
            LeftAt is { } left ? DateTimeOffset.FromUnixTimeMilliseconds(left) : null,
            HolidayCountry);
    }
}
