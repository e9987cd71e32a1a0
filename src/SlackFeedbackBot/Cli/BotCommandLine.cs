using System.CommandLine;
using SlackFeedbackBot.Hosting;
using SlackFeedbackBot.Scheduling;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Cli;

/// <summary>The executable's commands. Each works on the bot's database, chosen with --db.</summary>
public static class BotCommandLine
{
    public static RootCommand Create(BotConsole console)
    {
        var root = new RootCommand("SlackFeedbackBot: captures customer feedback from Slack, classifies it with Spotlight rules, runs support rotations and posts digests.");
        var run = RunCommand(console);
        root.Add(run);
        root.Add(MigrateCommand(console));
        root.Add(ClassifyCommand.Create(console));
        root.Add(SpotlightCommand.Create(console));
        root.Add(ImportExportCommands.Import(console));
        root.Add(ImportExportCommands.Export(console));
        root.Add(CustomersCommand.Create(console));
        root.Add(RotationCommand.Create(console));
        root.Add(DoctorCommand.Create(console));
        root.Add(DigestCommand.Create(console));
        root.Add(InboxCommand.Create(console));
        root.Add(HealthCommand.Create(console));
        root.Add(BackupCommands.Backup(console));
        root.Add(BackupCommands.Restore(console));
        root.Add(EraseCommand.Create(console));
        root.Add(MigrateToPostgresCommand.Create(console));

        // With no command (or only host settings such as --urls) the bot runs; a word that names no command is a typo,
        // and running the whole bot on it would start a second one on the same database.
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction((result, ct) => UnknownCommand.Find(result, root) is { } unknown
            ? Task.FromResult(unknown.Report(console.Error))
            : BotHost.RunAsync(HostArgs(result), console.Environment, console.Out, console.Error, ct));
        return root;
    }

    public static Option<FileInfo?> DbOption() => new("--db")
    {
        Description = "The SQLite database file (default: Storage:DatabasePath, data/slackfeedbackbot.db).",
    };

    /// <summary>Passes --db on as the Storage:DatabasePath setting, after the tokens the host reads itself.</summary>
    public static string[] HostArgs(ParseResult result, Option<FileInfo?>? db = null)
    {
        var args = result.UnmatchedTokens.ToList();
        if (db is not null && result.GetValue(db) is { } file)
        {
            args.Add($"--Storage:DatabasePath={file.FullName}");
        }

        return [.. args];
    }

    private static Command RunCommand(BotConsole console)
    {
        var db = DbOption();
        var run = new Command("run", "Run the bot (the default). With no Slack tokens set it runs against the built-in local Slack emulator.") { db };
        run.TreatUnmatchedTokensAsErrors = false;
        run.SetAction((result, ct) => BotHost.RunAsync(HostArgs(result, db), console.Environment, console.Out, console.Error, ct));
        return run;
    }

    private static Command MigrateCommand(BotConsole console)
    {
        var db = DbOption();
        var migrate = new Command("migrate", "Create the database or bring its schema up to date (Quartz's tables included), then exit.") { db };
        migrate.SetAction((result, ct) => CliDatabase.RunAsIsAsync(console, result.GetValue(db), async database =>
        {
            if (database.Provider == StorageProvider.Postgres)
            {
                // Instances starting together take turns under the migrator's advisory lock; there is no file to lock.
                return await MigrateAsync(console, result.GetValue(db), database, ct);
            }

            // Held while migrating, so the bot cannot start on a half-changed schema either.
            if (!DatabaseLock.TryAcquire(database.Path, out var held, out var holder))
            {
                console.Error.WriteLine(DatabaseLock.InUseBeforeChange(database.Path, holder, "migrating it"));
                return StartupFailure.ConfigurationExitCode;
            }

            using (held)
            {
                return await MigrateAsync(console, result.GetValue(db), database, ct);
            }
        }));
        return migrate;
    }

    private static async Task<int> MigrateAsync(BotConsole console, FileInfo? db, Database database, CancellationToken ct)
    {
        if (database.Provider == StorageProvider.Postgres)
        {
            PostgresStartup.Reach(database);
        }

        var version = database.Initialize();
        if (await QuartzSchema.CreateAsync(console, db, database, ct) is not { } quartz)
        {
            return StartupFailure.ConfigurationExitCode;
        }

        console.Out.WriteLine($"Database {CliDatabase.Describe(database)} is at schema version {version}; Quartz's {quartz} tables are in place.");
        return 0;
    }
}
