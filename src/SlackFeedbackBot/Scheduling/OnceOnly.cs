using Dapper;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Scheduling;

/// <summary>
/// Makes an outbound effect (a reminder, a digest, an alert) happen once per key, such as
/// <c>reminder:shift42:1h</c> or <c>digest:C123:2026-W48</c>, across restarts and several instances.
/// A key is claimed before the effect runs and marked done after; a claim left by a crash is taken over after
/// <see cref="StaleClaimAfter"/>.
/// </summary>
public sealed class OnceOnly(Database database, TimeProvider time)
{
    public static readonly TimeSpan StaleClaimAfter = TimeSpan.FromMinutes(10);

    /// <summary>Runs <paramref name="effect"/> unless the key is done or claimed by someone else. Returns true when it ran now.</summary>
    public async Task<bool> RunAsync(string key, Func<CancellationToken, Task<string?>> effect, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var staleBefore = now - (long)StaleClaimAfter.TotalMilliseconds;
        using (var connection = database.Open())
        {
            var claimed = await connection.ExecuteAsync(
                """
                INSERT INTO once_only (key, claimed_at, done_at, result) VALUES (@key, @now, NULL, NULL)
                ON CONFLICT (key) DO UPDATE SET claimed_at = @now
                WHERE once_only.done_at IS NULL AND once_only.claimed_at < @staleBefore
                """,
                new { key, now, staleBefore });
            if (claimed == 0)
            {
                return false;
            }
        }

        string? result;
        try
        {
            result = await effect(ct);
        }
        catch
        {
            using var connection = database.Open();
            await connection.ExecuteAsync("DELETE FROM once_only WHERE key = @key AND done_at IS NULL", new { key });
            throw;
        }

        using (var connection = database.Open())
        {
            await connection.ExecuteAsync(
                "UPDATE once_only SET done_at = @done, result = @result WHERE key = @key",
                new { key, done = time.GetUtcNow().ToUnixTimeMilliseconds(), result });
        }

        return true;
    }

    public async Task<bool> IsDoneAsync(string key)
    {
        using var connection = database.Open();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM once_only WHERE key = @key AND done_at IS NOT NULL", new { key }) > 0;
    }
}
