using System.CommandLine;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SlackFeedbackBot.Hosting;
using SlackFeedbackBot.Slack.Inbox;
using SlackFeedbackBot.Slack.Leases;
using SlackFeedbackBot.Slack.Outbox;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Cli;

/// <summary>
/// `migrate-to-postgres [--from FILE] [--to CONNECTION]`: copies the bot's SQLite file into a new, empty PostgreSQL
/// database, while no bot runs on the file (its lock says so). The target gets the bot's PostgreSQL migrations first,
/// and the Slack inbox and outbox tables when the file has them: their rows come along, so requests and posts still
/// waiting are handled by the first instance on PostgreSQL. Quartz's tables stay behind: the bot declares its triggers
/// again at every start, and Quartz creates its own tables on PostgreSQL then. Everything is copied in one transaction
/// and the counts compared before it commits (<see cref="SqliteToPostgresCopy"/>).
/// </summary>
public static class MigrateToPostgresCommand
{
    private const string Name = "migrate-to-postgres";

    public static Command Create(BotConsole console)
    {
        var from = new Option<FileInfo?>("--from") { Description = "The SQLite database to copy (default: Storage:DatabasePath)." };
        var to = new Option<string?>("--to") { Description = "The PostgreSQL database to copy into, in Npgsql's form (default: Storage:ConnectionString). It must be empty." };
        var command = new Command(Name, "Copy the SQLite database into a new, empty PostgreSQL database (the bot must be stopped), then print each table's count.") { from, to };
        command.SetAction((result, ct) => RunAsync(console, result.GetValue(from), result.GetValue(to), ct));
        return command;
    }

    private static async Task<int> RunAsync(BotConsole console, FileInfo? from, string? to, CancellationToken ct)
    {
        try
        {
            return await CopyAsync(console, from, to, ct);
        }
        catch (Exception ex) when (StartupFailure.TryExplain(ex, console.Error))
        {
            return StartupFailure.ConfigurationExitCode;
        }
    }

    private static async Task<int> CopyAsync(BotConsole console, FileInfo? from, string? to, CancellationToken ct)
    {
        var options = CliDatabase.Options(console.Environment);
        var sourcePath = Path.GetFullPath(from?.FullName ?? options.DatabasePath);
        var connectionString = string.IsNullOrWhiteSpace(to) ? options.ConnectionString : to;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return Refuse(console, "Name the PostgreSQL database to copy into: --to \"Host=…;Database=…;Username=…;Password=…\", or set Storage:ConnectionString (Storage__ConnectionString).");
        }

        if (!File.Exists(sourcePath))
        {
            return Refuse(console, $"There is no SQLite database at {sourcePath}; give the bot's file with --from or set Storage:DatabasePath.");
        }

        Database target;
        try
        {
            target = Database.Postgres(connectionString);
        }
        catch (ArgumentException ex)
        {
            return Refuse(console, $"--to (or Storage:ConnectionString) is not a connection string Npgsql can read: {ex.Message.TrimEnd('.')}.");
        }

        var where = PostgresServerName.Of(connectionString);

        // Held for the whole copy: a bot writing to the file now would write what the copy does not see.
        if (!DatabaseLock.TryAcquire(sourcePath, out var held, out var holder))
        {
            return Refuse(console, DatabaseLock.InUseBeforeChange(sourcePath, holder, "copying it to PostgreSQL (its last writes must be in the file)"));
        }

        using (held)
        {
            await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sourcePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            int version;
            List<string> sourceTables;
            try
            {
                await source.OpenAsync(ct);
                version = await source.ExecuteScalarAsync<int>("PRAGMA user_version");
                sourceTables = (await source.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'")).ToList();
            }
            catch (SqliteException ex)
            {
                return Refuse(console, $"{sourcePath} cannot be read as a SQLite database ({(ex.SqliteErrorCode == 26 ? "not a database file" : ex.Message.TrimEnd('.'))}); give the bot's file with --from.");
            }

            if (version != Migrator.LatestVersion)
            {
                return Refuse(console, version > Migrator.LatestVersion
                    ? $"{sourcePath} is at schema version {version}, newer than this release's {Migrator.LatestVersion}; copy it with the release that wrote it."
                    : $"{sourcePath} is at schema version {version}, not this release's {Migrator.LatestVersion}; start the bot once on SQLite first (or run `SlackFeedbackBot migrate --db {sourcePath}`), then copy it.");
            }

            PostgresStartup.Reach(target);
            if (await ForeignTablesAsync(target, ct) is { Count: > 0 } foreign)
            {
                return Refuse(console, $"PostgreSQL's {where} is not empty (it has {string.Join(", ", foreign.Take(3))}{(foreign.Count > 3 ? ", …" : "")}); copy into a new, empty database (nothing was written).");
            }

            var schema = target.Initialize();
            await CreateSlackTablesAsync(connectionString, sourceTables);

            // Quartz's tables are Quartz's: the bot declares its jobs and triggers again when it starts on PostgreSQL.
            var leaveOut = sourceTables
                .Where(t => t.StartsWith("QRTZ_", StringComparison.OrdinalIgnoreCase) || t == "schema_version")
                .ToHashSet(StringComparer.Ordinal);
            IReadOnlyList<TableCopy> copies;
            await using (var connection = (NpgsqlConnection)target.Open())
            {
                try
                {
                    copies = await SqliteToPostgresCopy.CopyAsync(source, connection, leaveOut, ct);
                }
                catch (CopyRefusedException refused)
                {
                    return Refuse(console, refused.Message);
                }
            }

            return Report(console, sourcePath, where, schema, copies);
        }
    }

    /// <summary>Tables in the target that the bot's PostgreSQL migrations would not have made (a database in use).</summary>
    private static async Task<List<string>> ForeignTablesAsync(Database target, CancellationToken ct)
    {
        await using var connection = target.Open();
        var tables = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name", cancellationToken: ct));
        var ours = new HashSet<string>(StringComparer.Ordinal) { "schema_version", "slack_inbox", "slack_outbox" };
        var baseline = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_version'", cancellationToken: ct)) > 0;

        // A database the bot's migrations already prepared is fine (the copy then checks it has no rows); anything else is someone's.
        return baseline ? [] : tables.Where(t => !ours.Contains(t)).ToList();
    }

    // The inbox and outbox make their own tables when they first start; made here, the file's rows can follow.
    private static async Task CreateSlackTablesAsync(string connectionString, List<string> sourceTables)
    {
        var holder = new LeaseHolder(Name, TimeSpan.FromMinutes(1));
        if (sourceTables.Contains("slack_inbox"))
        {
            await using var inbox = new PostgresSlackInbox(connectionString, holder, TimeProvider.System, NullLogger<PostgresSlackInbox>.Instance);
        }

        if (sourceTables.Contains("slack_outbox"))
        {
            await using var outbox = new PostgresSlackOutbox(connectionString, holder, new OutboxClock(TimeProvider.System), NullLogger<PostgresSlackOutbox>.Instance);
        }
    }

    private static int Report(BotConsole console, string sourcePath, string where, int schema, IReadOnlyList<TableCopy> copies)
    {
        var width = copies.Count == 0 ? 0 : copies.Max(c => c.Table.Length);
        console.Out.WriteLine($"Copied {sourcePath} into PostgreSQL's {where} (schema version {schema}):");
        foreach (var copy in copies)
        {
            var mark = copy.SourceRows == copy.TargetRows ? "" : "  ✘ differs";
            console.Out.WriteLine($"  {copy.Table.PadRight(width)}  {copy.SourceRows,8} → {copy.TargetRows,-8}{mark}".TrimEnd());
        }

        if (copies.Any(c => c.SourceRows != c.TargetRows))
        {
            console.Error.WriteLine("The counts differ, so the copy was rolled back and PostgreSQL holds none of it; the SQLite file is unchanged.");
            return 1;
        }

        console.Out.WriteLine($"Check: every table's count matches ({copies.Sum(c => c.SourceRows)} rows in {copies.Count} tables). Quartz's tables were not copied: the bot declares its triggers again at its first start on PostgreSQL.");
        console.Out.WriteLine("Next: set Storage:Provider=Postgres and Storage:ConnectionString, and start the bot (docs/operations.md, Moving from SQLite to PostgreSQL).");
        return 0;
    }

    private static int Refuse(BotConsole console, string line)
    {
        console.Error.WriteLine(line);
        return StartupFailure.ConfigurationExitCode;
    }
}
