using Microsoft.Extensions.Configuration;
using SlackFeedbackBot.Hosting;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Cli;

/// <summary>
/// Opens the database a CLI command works on (--db, a SQLite file; else the configured one, SQLite or PostgreSQL) and
/// explains failures plainly.
/// </summary>
public static class CliDatabase
{
    public static Database Resolve(BotEnvironment environment, FileInfo? db) =>
        db is not null ? new Database(db.FullName) : Database.From(Options(environment));

    /// <summary>The Storage settings as `run` reads them (appsettings.json, then the environment).</summary>
    public static StorageOptions Options(BotEnvironment environment)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddInMemoryCollection(environment.Settings())
            .Build();
        return configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
    }

    /// <summary>The file, or the PostgreSQL server and database (never the password), for the command's lines.</summary>
    public static string Describe(Database database) =>
        database.Provider == StorageProvider.Postgres ? PostgresServerName.Of(database.ConnectionString) : database.Path;

    /// <param name="migrate">
    /// False for commands that must not change the schema (they may run beside the bot); then the SQLite file must
    /// exist, and a PostgreSQL server must answer.
    /// </param>
    public static async Task<int> RunAsync(BotConsole console, FileInfo? db, Func<Database, Task<int>> action, bool migrate = true)
    {
        try
        {
            var database = Resolve(console.Environment, db);
            if (migrate)
            {
                database.Initialize();
            }
            else if (database.Provider == StorageProvider.Postgres)
            {
                PostgresStartup.Reach(database);
            }
            else if (!File.Exists(database.Path))
            {
                console.Error.WriteLine($"There is no database at {database.Path}; give the bot's file with --db or set Storage:DatabasePath.");
                return StartupFailure.ConfigurationExitCode;
            }

            return await action(database);
        }
        catch (Exception ex) when (StartupFailure.TryExplain(ex, console.Error))
        {
            return StartupFailure.ConfigurationExitCode;
        }
    }

    /// <summary>For commands that create or prepare the file themselves (under the database lock).</summary>
    public static async Task<int> RunAsIsAsync(BotConsole console, FileInfo? db, Func<Database, Task<int>> action)
    {
        try
        {
            return await action(Resolve(console.Environment, db));
        }
        catch (Exception ex) when (StartupFailure.TryExplain(ex, console.Error))
        {
            return StartupFailure.ConfigurationExitCode;
        }
    }

    public static int Run(BotConsole console, FileInfo? db, Func<Database, int> action)
    {
        try
        {
            return action(Resolve(console.Environment, db));
        }
        catch (Exception ex) when (StartupFailure.TryExplain(ex, console.Error))
        {
            return StartupFailure.ConfigurationExitCode;
        }
    }
}
