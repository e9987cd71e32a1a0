using System.CommandLine;
using SlackFeedbackBot.Hosting;
using SlackFeedbackBot.Scheduling;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Cli;

/// <summary>The executable's commands. Each works on the bot's database, chosen with --db.</summary>
public static class BotCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("SlackFeedbackBot: captures customer feedback from Slack, classifies it with Spotlight rules, runs support rotations and posts digests.");
        var run = RunCommand();
        root.Add(run);
        root.Add(MigrateCommand());
        root.Add(ClassifyCommand.Create());
        root.Add(SpotlightCommand.Create());
        root.Add(ImportExportCommands.Import());
        root.Add(ImportExportCommands.Export());
        root.Add(CustomersCommand.Create());
        root.Add(RotationCommand.Create());
        root.Add(DoctorCommand.Create());
        root.Add(DigestCommand.Create());
        root.Add(InboxCommand.Create());
        root.Add(HealthCommand.Create());
        root.Add(BackupCommands.Backup());
        root.Add(BackupCommands.Restore());
        root.Add(EraseCommand.Create());

        // With no command (or only host settings such as --urls) the bot runs; a word that names no command is a typo,
        // and running the whole bot on it would start a second one on the same database.
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction((result, ct) => UnknownCommand.Find(result, root) is { } unknown
            ? Task.FromResult(unknown.Report(Console.Error))
            : BotHost.RunAsync(HostArgs(result), ct));
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

    private static Command RunCommand()
    {
        var db = DbOption();
        var run = new Command("run", "Run the bot (the default). With no Slack tokens set it runs against the built-in local Slack emulator.") { db };
        run.TreatUnmatchedTokensAsErrors = false;
        run.SetAction((result, ct) => BotHost.RunAsync(HostArgs(result, db), ct));
        return run;
    }

    private static Command MigrateCommand()
    {
        var db = DbOption();
        var migrate = new Command("migrate", "Create the database or bring its schema up to date (Quartz's tables included), then exit.") { db };
        migrate.SetAction((result, ct) => CliDatabase.RunAsIsAsync(result.GetValue(db), async database =>
        {
            // Held while migrating, so the bot cannot start on a half-changed schema either.
            if (!DatabaseLock.TryAcquire(database.Path, out var held, out var holder))
            {
                Console.Error.WriteLine(DatabaseLock.InUseBeforeChange(database.Path, holder, "migrating it"));
                return StartupFailure.ConfigurationExitCode;
            }

            using (held)
            {
                var version = database.Initialize();
                if (await QuartzSchema.CreateAsync(result.GetValue(db), ct) is not { } quartz)
                {
                    return StartupFailure.ConfigurationExitCode;
                }

                Console.WriteLine($"Database {database.Path} is at schema version {version}; Quartz's {quartz} tables are in place.");
            }

            return 0;
        }));
        return migrate;
    }
}
