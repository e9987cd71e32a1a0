using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Configuration;

namespace SlackFeedbackBot.Storage;

/// <summary>Refuses a database path the bot could never open: empty, a folder, under a file, or in a place it cannot write.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var checks = new SettingChecks(StorageOptions.Section);
        if (options.Provider == StorageProvider.Postgres)
        {
            if (PostgresConnectionString.Problem(options.ConnectionString) is { } postgresProblem)
            {
                checks.Add(nameof(StorageOptions.ConnectionString), postgresProblem);
            }
        }
        else if (DatabaseLocation.Problem(options.DatabasePath) is { } problem)
        {
            checks.Add(nameof(StorageOptions.DatabasePath), problem);
        }

        checks.Between(nameof(StorageOptions.BusyTimeoutSeconds), options.BusyTimeoutSeconds, 1, 600);
        return checks.Result();
    }
}

/// <summary>Whether a PostgreSQL connection string can be read and names a server and a database.</summary>
public static class PostgresConnectionString
{
    private const string Example = "e.g. Host=localhost;Port=5432;Database=slackfeedbackbot;Username=bot;Password=…";

    /// <summary>What keeps <paramref name="connectionString"/> from naming a database, with the fix; null when it does.</summary>
    public static string? Problem(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return $"is empty, and Storage:Provider is Postgres; set it to the server and database ({Example}), or set Storage:Provider to Sqlite.";
        }

        Npgsql.NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            // The message can quote the string, and the string can hold a password: say only that it could not be read.
            return $"cannot be read as key=value pairs; write it as {Example}.";
        }

        if (string.IsNullOrWhiteSpace(parsed.Host))
        {
            return $"names no Host; add the server ({Example}).";
        }

        return string.IsNullOrWhiteSpace(parsed.Database) ? $"names no Database; add it ({Example})." : null;
    }
}

/// <summary>Whether SQLite can keep its file (and its journal beside it) at a path.</summary>
public static class DatabaseLocation
{
    /// <summary>What keeps <paramref name="path"/> from working as the database, with the fix; null when it works.</summary>
    public static string? Problem(string? path)
    {
        const string Fix = "set it to a file in a folder the bot's user can write, e.g. data/slackfeedbackbot.db";
        if (string.IsNullOrWhiteSpace(path))
        {
            return $"is empty; {Fix}.";
        }

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"is not a usable path; {Fix}.";
        }

        if (Directory.Exists(full))
        {
            return $"is {full}, a folder; name the file in it, e.g. {Path.Combine(full, "slackfeedbackbot.db")}.";
        }

        var folder = Path.GetDirectoryName(full);
        var existing = folder;
        while (existing is not null && !Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                return $"is {full}, but {existing} is a file, not a folder; {Fix}.";
            }

            existing = Path.GetDirectoryName(existing);
        }

        if (existing is null)
        {
            return $"is {full}, which has no existing folder above it; {Fix}.";
        }

        if (!CanWrite(existing))
        {
            return existing == folder
                ? $"is {full}, but the bot cannot write in {existing} (SQLite needs the folder for its journal); give the bot's user write access there, or {Fix}."
                : $"is {full}, but the bot cannot create folders in {existing}; create {folder} for the bot's user, or {Fix}.";
        }

        return null;
    }

    private static bool CanWrite(string folder)
    {
        try
        {
            var probe = Path.Combine(folder, $".slackfeedbackbot-{Guid.NewGuid():N}");
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
