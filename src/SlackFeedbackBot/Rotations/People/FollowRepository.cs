using Dapper;
using SlackFeedbackBot.Slack.Text;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Rotations.People;

public enum FollowKind
{
    UserGroup,
    Channel,
}

/// <summary>A Slack user group or channel whose members a rotation's members follow; the label is how it was named, if known.</summary>
public sealed record FollowSource(FollowKind Kind, string Id, string? Label = null)
{
    public string Column => Kind == FollowKind.UserGroup ? "usergroup" : "channel";

    /// <summary>How a reply names it: a channel as its link, a group as plain words (a group mention would ping everyone in it).</summary>
    public string Mention => Kind == FollowKind.UserGroup
        ? $"the user group {SlackText.Escape(Label is { Length: > 0 } label ? label : Id)}"
        : $"<#{Id}>";

    public static FollowSource FromColumn(string kind, string id) => new(kind == "usergroup" ? FollowKind.UserGroup : FollowKind.Channel, id);
}

/// <summary>A follow-enrolled member: still enrolled, or taken off again when they left every followed source.</summary>
public sealed record FollowedMember(string UserId, bool Removed);

/// <summary>The follow tables: what each rotation follows, who came in through a follow, who left the company.</summary>
public sealed class FollowRepository(Database database)
{
    /// <summary>False when the rotation already follows it.</summary>
    public async Task<bool> FollowAsync(long rotationId, FollowSource source, string by, DateTimeOffset now)
    {
        using var connection = database.Open();
        return await connection.ExecuteAsync(
            "INSERT INTO rotation_follows (rotation_id, source_kind, source_id, created_by, created_at) VALUES (@rotationId, @kind, @id, @by, @now) ON CONFLICT DO NOTHING",
            new { rotationId, kind = source.Column, id = source.Id, by, now = now.ToUnixTimeMilliseconds() }) > 0;
    }

    public async Task<bool> UnfollowAsync(long rotationId, FollowSource source)
    {
        using var connection = database.Open();
        return await connection.ExecuteAsync(
            "DELETE FROM rotation_follows WHERE rotation_id = @rotationId AND source_kind = @kind AND source_id = @id",
            new { rotationId, kind = source.Column, id = source.Id }) > 0;
    }

    public async Task<IReadOnlyList<FollowSource>> FollowsOfAsync(long rotationId)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<(string Kind, string Id)>(
            "SELECT source_kind, source_id FROM rotation_follows WHERE rotation_id = @rotationId ORDER BY source_kind, source_id", new { rotationId });
        return rows.Select(r => FollowSource.FromColumn(r.Kind, r.Id)).ToList();
    }

    public async Task<IReadOnlyList<long>> RotationsFollowingAsync(FollowSource source)
    {
        using var connection = database.Open();
        return (await connection.QueryAsync<long>(
            "SELECT rotation_id FROM rotation_follows WHERE source_kind = @kind AND source_id = @id ORDER BY rotation_id",
            new { kind = source.Column, id = source.Id })).ToList();
    }

    public async Task<IReadOnlyList<long>> RotationsWithFollowsAsync()
    {
        using var connection = database.Open();
        return (await connection.QueryAsync<long>("SELECT DISTINCT rotation_id FROM rotation_follows ORDER BY rotation_id")).ToList();
    }

    public async Task<IReadOnlyDictionary<string, FollowedMember>> FollowedMembersAsync(long rotationId)
    {
        using var connection = database.Open();
        var rows = await connection.QueryAsync<(string UserId, long? RemovedAt)>(
            "SELECT user_id, removed_at FROM rotation_followed_members WHERE rotation_id = @rotationId", new { rotationId });
        return rows.ToDictionary(r => r.UserId, r => new FollowedMember(r.UserId, r.RemovedAt is not null), StringComparer.Ordinal);
    }

    public async Task EnrolledAsync(long rotationId, string userId, DateTimeOffset now)
    {
        using var connection = database.Open();
        await connection.ExecuteAsync(
            """
            INSERT INTO rotation_followed_members (rotation_id, user_id, enrolled_at) VALUES (@rotationId, @userId, @now)
            ON CONFLICT (rotation_id, user_id) DO UPDATE SET enrolled_at = excluded.enrolled_at, removed_at = NULL
            """,
            new { rotationId, userId, now = now.ToUnixTimeMilliseconds() });
    }

    public async Task RemovedAsync(long rotationId, string userId, DateTimeOffset now)
    {
        using var connection = database.Open();
        await connection.ExecuteAsync(
            "UPDATE rotation_followed_members SET removed_at = @now WHERE rotation_id = @rotationId AND user_id = @userId",
            new { rotationId, userId, now = now.ToUnixTimeMilliseconds() });
    }

    public async Task DepartedAsync(string userId, DateTimeOffset now)
    {
        using var connection = database.Open();
        await connection.ExecuteAsync(
            "INSERT INTO rotation_departed_people (user_id, departed_at) VALUES (@userId, @now) ON CONFLICT DO NOTHING", new { userId, now = now.ToUnixTimeMilliseconds() });
    }

    /// <summary>Slack says the account is active again: follows may enrol them once more.</summary>
    public async Task<bool> ReturnedAsync(string userId)
    {
        using var connection = database.Open();
        return await connection.ExecuteAsync("DELETE FROM rotation_departed_people WHERE user_id = @userId", new { userId }) > 0;
    }

    public async Task<IReadOnlySet<string>> DepartedPeopleAsync()
    {
        using var connection = database.Open();
        return (await connection.QueryAsync<string>("SELECT user_id FROM rotation_departed_people")).ToHashSet(StringComparer.Ordinal);
    }
}
