using System.CommandLine;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using SlackFeedbackBot.Hosting;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Cli;

/// <summary>
/// `backup --out FILE` (a consistent copy, beside the running bot) and `restore FILE` (only while no bot runs on the
/// database: the bot's lock says so). Both check the copy with SQLite's integrity check. They copy the SQLite file; a
/// PostgreSQL database is backed up and restored with PostgreSQL's own pg_dump and pg_restore, and they say so.
/// </summary>
public static class BackupCommands
{
    public static Command Backup(BotConsole console)
    {
        var db = BotCommandLine.DbOption();
        var output = new Option<FileInfo>("--out") { Description = "The backup file to write; it must not exist yet.", Required = true };
        var command = new Command("backup", "Copy the database to a new file while the bot runs (VACUUM INTO), then check the copy.") { db, output };
        command.SetAction((result, ct) => OnPostgres(console, result.GetValue(db), UsePgDump)
            ?? CliDatabase.RunAsync(console, result.GetValue(db), database => Task.FromResult(BackUp(console, database, result.GetValue(output)!)), migrate: false));
        return command;
    }

    public static Command Restore(BotConsole console)
    {
        var db = BotCommandLine.DbOption();
        var file = new Argument<FileInfo>("file") { Description = "A backup made by `backup`." };
        var command = new Command("restore", "Replace the database with a backup, after checking it. The bot must be stopped.") { db, file };
        command.SetAction(result => OnPostgres(console, result.GetValue(db), UsePgRestore)?.Result
            ?? CliDatabase.Run(console, result.GetValue(db), database => RestoreFrom(console, database, result.GetValue(file)!)));
        return command;
    }

    /// <summary>The one line for `backup` on PostgreSQL.</summary>
    public const string UsePgDump =
        "`backup` copies a SQLite file; with Storage:Provider=Postgres back the database up with PostgreSQL's pg_dump, " +
        "e.g. `pg_dump --format=custom --file=feedback.dump \"$CONNECTION\"` (docs/operations.md, PostgreSQL backup).";

    /// <summary>The one line for `restore` on PostgreSQL.</summary>
    public const string UsePgRestore =
        "`restore` replaces a SQLite file; with Storage:Provider=Postgres restore a pg_dump file with PostgreSQL's pg_restore, " +
        "e.g. `pg_restore --clean --if-exists --no-owner --dbname=\"$CONNECTION\" feedback.dump` (docs/operations.md, PostgreSQL backup).";

    // Said before anything is opened: the server need not even answer for the operator to learn the right tool.
    private static Task<int>? OnPostgres(BotConsole console, FileInfo? db, string refusal)
    {
        try
        {
            if (db is not null || CliDatabase.Options(console.Environment).Provider != StorageProvider.Postgres)
            {
                return null;
            }
        }
        catch (InvalidOperationException)
        {
            return null; // A setting that cannot be read: the command's own run says which, as every command does.
        }

        console.Error.WriteLine(refusal);
        return Task.FromResult(StartupFailure.ConfigurationExitCode);
    }

    private static int BackUp(BotConsole console, Database database, FileInfo target)
    {

        var path = target.FullName;
        if (target.Exists && target.Length > 0)
        {
            console.Error.WriteLine($"{path} already exists; give a new file name (a backup never overwrites one).");
            return 1;
        }

        // Created first with the database's private mode: VACUUM INTO would make it readable by everyone.
        Database.CreateFile(path);
        try
        {
            using (var connection = database.Open())
            {
                // One read transaction: the copy is the database as of one commit, while the bot goes on writing.
                connection.Execute("VACUUM INTO @path", new { path });
            }

            var (problem, version) = Check(path);
            if (problem is not null)
            {
                File.Delete(path);
                console.Error.WriteLine($"The copy failed its integrity check ({problem}) and was deleted; run `SlackFeedbackBot doctor`, then try again.");
                return 1;
            }

            console.Out.WriteLine($"Backed up {database.Path} to {path} ({Size(path)}, schema version {version}); integrity check ok.");
            return 0;
        }
        catch (SqliteException ex)
        {
            TryDelete(path);
            console.Error.WriteLine($"Could not back up to {path}: {ex.SqliteErrorCode switch { 14 => "the folder cannot be written", 13 => "the disk is full", _ => ex.Message }}.");
            return 1;
        }
    }

    private static int RestoreFrom(BotConsole console, Database database, FileInfo backup)
    {

        if (!backup.Exists)
        {
            console.Error.WriteLine($"There is no backup at {backup.FullName}; give the file `backup --out` wrote.");
            return 1;
        }

        var (problem, version) = Check(backup.FullName);
        if (problem is not null)
        {
            console.Error.WriteLine($"{backup.FullName} is not a sound SlackFeedbackBot database ({problem}); nothing was changed.");
            return 1;
        }

        if (version > Migrator.LatestVersion)
        {
            console.Error.WriteLine($"{backup.FullName} is at schema version {version}, newer than this build knows ({Migrator.LatestVersion}); restore it with the newer SlackFeedbackBot.");
            return 1;
        }

        // The running bot holds this lock: a restore under it would swap the data from under its open connections.
        if (!DatabaseLock.TryAcquire(database.Path, out var held, out var holder))
        {
            console.Error.WriteLine(DatabaseLock.InUseBeforeChange(database.Path, holder, "restoring a backup over it"));
            return StartupFailure.ConfigurationExitCode;
        }

        using (held)
        {
            Database.CreateFile(database.Path);
            using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backup.FullName, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            source.Open();
            using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database.Path, Pooling = false }.ToString());
            destination.Open();
            // SQLite's online backup writes every page into the database, its write-ahead log included, in one go.
            source.BackupDatabase(destination);
            destination.Execute("PRAGMA journal_mode=WAL;");
        }

        console.Out.WriteLine($"Restored {database.Path} from {backup.FullName} (schema version {version}). Start the bot: it brings the schema up to date.");
        return 0;
    }

    /// <summary>The integrity check's first problem (null when "ok") and the schema version.</summary>
    private static (string? Problem, int Version) Check(string path)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            var result = connection.Query<string>("PRAGMA integrity_check").ToList();
            var version = connection.ExecuteScalar<int>("PRAGMA user_version");
            return (result is ["ok"] ? null : string.Join("; ", result.Take(3)), version);
        }
        catch (SqliteException ex)
        {
            return (ex.SqliteErrorCode == 26 ? "not a database file" : ex.Message, 0);
        }
    }

    private static string Size(string path) => string.Create(CultureInfo.InvariantCulture, $"{new FileInfo(path).Length / 1024.0 / 1024.0:0.0} MB");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}
