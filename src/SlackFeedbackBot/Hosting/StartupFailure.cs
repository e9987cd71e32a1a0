using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using SlackFeedbackBot.Rotations;
using SlackFeedbackBot.Slack.Configuration;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Hosting;

/// <summary>
/// Turns what stops the bot from starting into plain lines for the person who runs it: one per problem, no stack
/// trace. Failures that stem from configuration exit with <see cref="ConfigurationExitCode"/>, so a service manager
/// does not restart into the same error.
/// </summary>
public static partial class StartupFailure
{
    public const int ConfigurationExitCode = 2;

    public static bool TryExplain(Exception ex, TextWriter error)
    {
        if (Explain(ex) is not { } lines)
        {
            return false;
        }

        foreach (var line in lines)
        {
            error.WriteLine(line);
        }

        return true;
    }

    /// <summary>The lines that explain <paramref name="ex"/>, when it stems from the configuration; null otherwise.</summary>
    public static IReadOnlyList<string>? Explain(Exception ex)
    {
        switch (Unwrap(ex))
        {
            case ConfigurationProblemsException problems:
                return [.. problems.Problems.Select(p => "Configuration error: " + p)];
            case OptionsValidationException validation:
                return [.. validation.Failures.Select(f => "Configuration error: " + f)];
            case InvalidDataException file when ConfigurationFile(file) is { } line:
                return ["Configuration error: " + line];
            case InvalidOperationException binding when SettingValues.Explain(binding) is { } line:
                return ["Configuration error: " + line];
            case InvalidOperationException { InnerException: RotationSettingException } declared:
                return ["Configuration error: " + declared.Message];
            case StorageUnavailableException storage:
                return ["Configuration error: " + storage.Message];
            case SqliteException sqlite:
                return [$"Database error: {sqlite.Message}. Check {SettingName.Of("Storage:DatabasePath")} points to a writable file."];
            case PostgresException postgres:
                return [$"Database error: PostgreSQL refused: {postgres.MessageText.TrimEnd('.')} ({postgres.SqlState}). Check {SettingName.Of("Storage:ConnectionString")} names a database the bot's user may create tables in and write."];
            case NpgsqlException npgsql:
                // Npgsql's messages name no password; the inner exception (the socket, a timeout) says why.
                return [$"Database error: the PostgreSQL server stopped answering: {(npgsql.InnerException ?? npgsql).Message.TrimEnd('.')}. Check {SettingName.Of("Storage:ConnectionString")}, or start the server."];
            case InvalidOperationException invalid when invalid.Message.StartsWith("Migration", StringComparison.Ordinal)
                                                        || invalid.Message.StartsWith("The database is at schema", StringComparison.Ordinal):
                return [$"Database error: {invalid.Message}"];
            case FormatException url when url.Message.StartsWith("Invalid url", StringComparison.OrdinalIgnoreCase):
                return [$"Configuration error: {ListenAddresses.Setting}: {url.Message.TrimEnd('.')}; write it like http://127.0.0.1:8080."];
            case IOException io when io.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase):
                return [$"Cannot listen: {io.Message}. Choose another address with --urls http://127.0.0.1:PORT (env ASPNETCORE_URLS)."];
            default:
                return null;
        }
    }

    /// <summary>"appsettings.json is not valid JSON at line 3, column 5: ..." for a file the configuration cannot load.</summary>
    private static string? ConfigurationFile(InvalidDataException ex)
    {
        var file = QuotedFile().Match(ex.Message) is { Success: true } match ? match.Groups["file"].Value : "A configuration file";
        var json = Inner<JsonException>(ex);
        if (json is { LineNumber: { } line })
        {
            var reason = json.Message;
            var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            reason = (cut > 0 ? reason[..cut] : reason).Trim().TrimEnd('.');
            var column = (json.BytePositionInLine ?? 0) + 1;
            return $"{file} is not valid JSON at line {line + 1}, column {column}: {reason}. Fix the file (a missing comma or quote, or a trailing comma, is the usual cause).";
        }

        return Inner<FormatException>(ex) is { } format
            ? $"{file} cannot be read: {format.Message} Fix the file."
            : null;
    }

    private static T? Inner<T>(Exception ex)
        where T : Exception
    {
        for (var current = ex.InnerException; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static Exception Unwrap(Exception ex)
    {
        while (ex is AggregateException { InnerException: not null } or TargetInvocationException { InnerException: not null })
        {
            ex = ex.InnerException!;
        }

        return ex;
    }

    [GeneratedRegex("'(?<file>[^']+)'")]
    private static partial Regex QuotedFile();
}
