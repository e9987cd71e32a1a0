using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace SlackFeedbackBot.Hosting;

/// <summary>Turns what stops the bot from starting into a few plain lines for the person who runs it: no stack trace.</summary>
public static class StartupFailure
{
    public const int ConfigurationExitCode = 2;

    public static bool TryExplain(Exception ex, TextWriter error)
    {
        switch (Unwrap(ex))
        {
            case OptionsValidationException validation:
                foreach (var failure in validation.Failures)
                {
                    error.WriteLine($"Configuration error: {failure}");
                }

                error.WriteLine("See appsettings.example.json and docs/configuration.md for every setting and its environment variable.");
                return true;
            case SqliteException sqlite:
                error.WriteLine($"Database error: {sqlite.Message}. Check Storage:DatabasePath (env STORAGE__DATABASEPATH) points to a writable file.");
                return true;
            case InvalidOperationException invalid when invalid.Message.StartsWith("Migration", StringComparison.Ordinal)
                                                        || invalid.Message.StartsWith("The database is at schema", StringComparison.Ordinal):
                error.WriteLine($"Database error: {invalid.Message}");
                return true;
            case IOException io when io.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase):
                error.WriteLine($"Cannot listen: {io.Message}. Choose another address with --urls http://127.0.0.1:PORT (env ASPNETCORE_URLS).");
                return true;
            default:
                return false;
        }
    }

    private static Exception Unwrap(Exception ex)
    {
        while (ex is AggregateException { InnerException: { } inner })
        {
            ex = inner;
        }

        return ex;
    }
}
