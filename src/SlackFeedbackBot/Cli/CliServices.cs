using SlackFeedbackBot.Hosting;
using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Cli;

/// <summary>
/// The bot's own services for a CLI command, built from the same configuration as `run` but never started:
/// commands work on the database and the rules without connecting to Slack.
/// </summary>
public static class CliServices
{
    public static async Task<int> RunAsync(BotConsole console, FileInfo? db, Func<IServiceProvider, Task<int>> command)
    {
        try
        {
            var args = db is null ? Array.Empty<string>() : [$"--Storage:DatabasePath={db.FullName}"];
            var builder = BotHost.CreateBuilder(args, configuration => configuration.AddInMemoryCollection(
                new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" }), console.Environment);
            // A command asks Slack at most once per call (people's names): it reports, it does not ride out an outage.
            builder.Services.UseSlackApiWithoutRetries(TimeSpan.FromSeconds(10));
            await using var app = builder.Build();
            return await command(app.Services);
        }
        catch (Exception ex) when (StartupFailure.TryExplain(ex, console.Error))
        {
            return StartupFailure.ConfigurationExitCode;
        }
    }
}
