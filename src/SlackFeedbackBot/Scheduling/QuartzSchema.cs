using Dapper;
using Quartz;
using SlackFeedbackBot.Cli;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Scheduling;

/// <summary>
/// Quartz's tables (<c>QRTZ_*</c>) in the bot's file, created the way `run` creates them: Quartz's own schema
/// provisioning, run by building the bot's scheduler without starting it. `migrate` calls it so a database prepared
/// ahead of a start (or by a read-only deploy step) has the whole schema.
/// </summary>
public static class QuartzSchema
{
    /// <summary>Creates the missing Quartz tables; returns how many there are, or null when the settings stopped it (said on stderr).</summary>
    public static async Task<int?> CreateAsync(BotConsole console, FileInfo? db, CancellationToken ct)
    {
        var count = 0;
        var code = await CliServices.RunAsync(console, db, async services =>
        {
            var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler(ct);
            await scheduler.Shutdown(waitForJobsToComplete: false, ct);
            await using var connection = services.GetRequiredService<Database>().Open();
            count = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'QRTZ\\_%' ESCAPE '\\'");
            return 0;
        });
        return code == 0 ? count : null;
    }
}
