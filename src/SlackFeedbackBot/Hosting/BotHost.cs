using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Health;
using SlackFeedbackBot.Observability;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Configuration;
using SlackFeedbackBot.Slack.Transports.Http;
using SlackFeedbackBot.Scheduling;
using SlackFeedbackBot.Slack.Hosting;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Hosting;

/// <summary>Builds and runs the bot: configuration, storage, the Slack layer, the features, health.</summary>
public static class BotHost
{
    /// <param name="environment">The environment variables to read settings from; none: this process's, as the host reads them.</param>
    public static WebApplicationBuilder CreateBuilder(string[] args, Action<IConfigurationBuilder>? overrides = null, BotEnvironment? environment = null)
    {
        // Before anything reads a setting: every TimeSpan setting takes 1h, 10m, 90s, 500ms, 1d or hh:mm:ss.
        DurationConverter.Register();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            // Given variables decide the environment name too: the host would otherwise read this process's.
            EnvironmentName = environment is null ? null : environment.EnvironmentName ?? Environments.Production,
        });
        environment?.ReplaceProcessVariables(builder.Configuration);
        builder.Configuration.AddSlackEnvironmentVariables(environment ?? BotEnvironment.OfThisProcess());
        SecretsOptions.AddTo(builder.Configuration);
        builder.Configuration.AddCommandLine(args);
        overrides?.Invoke(builder.Configuration);

        builder.Logging.ClearProviders();
        builder.Logging.AddBotConsole();

        // Under systemd (Type=notify) the unit is ready once the host has started, after every start-up check passed;
        // elsewhere this does nothing.
        builder.Host.UseSystemd();
        builder.Services.AddOptions<SecretsOptions>().Bind(builder.Configuration.GetSection(SecretsOptions.Section)).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecretsOptions>, SecretsOptionsValidator>());
        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddOptions<LocalModeOptions>().Bind(builder.Configuration.GetSection(LocalModeOptions.Section)).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalModeOptions>, LocalModeOptionsValidator>());
        builder.Services.AddScheduling(builder.Configuration);
        builder.Services
            .AddSlack(builder.Configuration, SlackStorageFor(builder.Configuration))
            .AddBotFeatures(builder.Configuration);
        builder.Services.AddBotHealthChecks();
        builder.Services.AddBotMetrics(builder.Configuration);
        builder.Services.ReadSettingsOnce();
        return builder;
    }

    // The inbox and outbox go where the bot's data goes: its SQLite file, or the PostgreSQL database all instances share.
    // Read as text: a value that is neither is reported by the storage settings' check, not thrown here.
    private static SlackStorage SlackStorageFor(IConfiguration configuration) =>
        Enum.TryParse<StorageProvider>(configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.Provider)}"], ignoreCase: true, out var provider)
        && provider == StorageProvider.Postgres
            ? SlackStorage.Postgres(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString!)
            : SlackStorage.Sqlite(sp => sp.GetRequiredService<Database>().ConnectionString);

    /// <summary>
    /// Builds the app once every setting has been checked (<see cref="ConfigurationCheck"/>); throws
    /// <see cref="ConfigurationProblemsException"/> naming each problem, before anything has started.
    /// </summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        try
        {
            ConfigurationCheck.Ensure(app.Services);
        }
        catch
        {
            ((IDisposable)app).Dispose();
            throw;
        }

        app.MapBotHealth();
        app.MapBotMetrics();
        if (app.Services.GetRequiredService<IOptions<SlackOptions>>().Value.Mode == SlackMode.Http)
        {
            app.MapSlackEvents();
        }

        return app;
    }

    /// <summary>Runs until stopped; returns the process exit code (2: the configuration has to be fixed first).</summary>
    public static async Task<int> RunAsync(string[] args, BotEnvironment environment, TextWriter output, TextWriter error, CancellationToken ct)
    {
        WebApplication? app = null;
        LocalSlack? local = null;
        DatabaseLock? databaseLock = null;
        try
        {
            var builder = CreateBuilder(args, environment: environment);
            var locked = false;
            if (LocalSlack.IsWanted(builder.Configuration))
            {
                // The other settings are checked with stand-ins for the emulator's, before the emulator starts.
                builder.Configuration.AddInMemoryCollection(LocalSlack.Placeholders);
                ((IDisposable)Build(builder)).Dispose();
                // Before the emulator: a second copy must not start a second local Slack either.
                if (!TryLockDatabase(builder.Configuration, error, out databaseLock))
                {
                    return StartupFailure.ConfigurationExitCode;
                }

                locked = true;
                local = await LocalSlack.StartAsync(builder.Configuration, output, ct);
                builder = CreateBuilder(args, c => c.AddInMemoryCollection(LocalDemo.Settings()).AddInMemoryCollection(local.Settings), environment);
                builder.Services.AddHostedService<LocalDemo.PastFeedback>();
            }

            app = Build(builder);
            if (!locked && !TryLockDatabase(builder.Configuration, error, out databaseLock))
            {
                return StartupFailure.ConfigurationExitCode;
            }

            if (await SlackWorkspaceCheck.RunAsync(app.Services, ct) is { } refused)
            {
                throw new ConfigurationProblemsException([refused]);
            }

            await app.StartAsync(ct);
            StartupGarbage.Release();
            if (local is not null)
            {
                output.WriteLine(LocalSlack.BotEndpointLine(app.Urls));
            }

            _ = ConfiguredSlackIds.WarnAsync(app.Services, app.Lifetime.ApplicationStopping);
            await app.WaitForShutdownAsync(ct);
            return 0;
        }
        catch (Exception ex) when (StartupFailure.TryExplain(ex, error))
        {
            return StartupFailure.ConfigurationExitCode;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error.WriteLine($"The bot stopped: {ex.Message} ({ex.GetType().Name}). Run `SlackFeedbackBot doctor` to check the installation.");
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
    private static bool TryLockDatabase(IConfiguration configuration, TextWriter error, out DatabaseLock? held)
    {
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var path = storage.DatabasePath;

        // PostgreSQL serves several instances; only the SQLite file is one bot's alone.
        if (storage.Provider == StorageProvider.Postgres || string.IsNullOrWhiteSpace(path))
        {
            // Options validation explains the empty setting.
            held = null;
            return true;
        }

        if (DatabaseLock.TryAcquire(path, out held, out var holder))
        {
            return true;
        }

        error.WriteLine(DatabaseLock.AlreadyInUse(path, holder));
        return false;
    }
}
