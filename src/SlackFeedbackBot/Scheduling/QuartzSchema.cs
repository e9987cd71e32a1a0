using Dapper;
using Quartz;
using SlackFeedbackBot.Cli;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Scheduling;

/// <summary>
/// Quartz's tables in the bot's database (<c>QRTZ_*</c> in the SQLite file, <c>qrtz_*</c> in PostgreSQL's current
/// schema), created the way `run` creates them: Quartz's own schema provisioning, run by building the bot's scheduler
/// without starting it. `migrate` calls it so a database prepared ahead of a start (or by a read-only deploy step) has
/// the whole schema.
/// </summary>
public static class QuartzSchema
{
    /// <summary>Creates the missing Quartz tables in <paramref name="database"/>; returns how many there are, or null when the settings stopped it (said on stderr).</summary>
    public static async Task<int?> CreateAsync(BotConsole console, FileInfo? db, Database database, CancellationToken ct)
    {
        var code = await CliServices.RunAsync(console, db, async services =>
        {
            var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler(ct);
            await scheduler.Shutdown(waitForJobsToComplete: false, ct);
            return 0;
        });
        if (code != 0)
        {
            return null;
        }

        await using var connection = database.Open();
        return await connection.ExecuteScalarAsync<int>(database.Provider == StorageProvider.Postgres
            ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name LIKE 'qrtz\\_%' ESCAPE '\\'"
            : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'QRTZ\\_%' ESCAPE '\\'");
    }
}
