using Microsoft.Extensions.Options;
using SlackFeedbackBot.Health;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Transports.Http;
using SlackFeedbackBot.Scheduling;
using SlackFeedbackBot.Slack.Hosting;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Hosting;

/// <summary>Builds and runs the bot: configuration, storage, the Slack layer, the features, health.</summary>
public static class BotHost
{
    public static WebApplicationBuilder CreateBuilder(string[] args, Action<IConfigurationBuilder>? overrides = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddSlackEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
        overrides?.Invoke(builder.Configuration);

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });

        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddScheduling(builder.Configuration);
        builder.Services
            .AddSlack(builder.Configuration, sp => sp.GetRequiredService<Database>().ConnectionString)
            .AddBotFeatures(builder.Configuration);
        builder.Services.AddBotHealthChecks();
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        app.MapBotHealth();
        if (app.Services.GetRequiredService<IOptions<SlackOptions>>().Value.Mode == SlackMode.Http)
        {
            app.MapSlackEvents();
        }

        return app;
    }

    /// <summary>Runs until stopped; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        WebApplication? app = null;
        LocalSlack? local = null;
        DatabaseLock? databaseLock = null;
        try
        {
            var configuration = CreateBuilder(args).Configuration;
            if (!TryLockDatabase(configuration, out databaseLock))
            {
                return StartupFailure.ConfigurationExitCode;
            }

            if (LocalSlack.IsWanted(configuration))
            {
                local = await LocalSlack.StartAsync(configuration, Console.Out, ct);
            }

            var builder = CreateBuilder(args, local is null ? null : c => c.AddInMemoryCollection(LocalDemo.Settings()).AddInMemoryCollection(local.Settings));
            if (local is not null)
            {
                builder.Services.AddHostedService<LocalDemo.PastFeedback>();
            }

            app = Build(builder);
            await app.RunAsync(ct);
            return 0;
        }
        catch (Exception ex) when (StartupFailure.TryExplain(ex, Console.Error))
        {
            return StartupFailure.ConfigurationExitCode;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Console.Error.WriteLine($"The bot stopped: {ex.Message} ({ex.GetType().Name}). Run `SlackFeedbackBot doctor` to check the installation.");
            return 1;
        }
        finally
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            if (local is not null)
            {
                await local.DisposeAsync();
            }

            databaseLock?.Dispose();
        }
    }

    // Before anything opens the file: a second bot on the same database would replay the first one's inbox.
    private static bool TryLockDatabase(IConfiguration configuration, out DatabaseLock? held)
    {
        var path = (configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions()).DatabasePath;
        if (string.IsNullOrWhiteSpace(path))
        {
            // Options validation explains the empty setting.
            held = null;
            return true;
        }

        if (DatabaseLock.TryAcquire(path, out held, out var holder))
        {
            return true;
        }

        Console.Error.WriteLine(DatabaseLock.AlreadyInUse(path, holder));
        return false;
    }
}
