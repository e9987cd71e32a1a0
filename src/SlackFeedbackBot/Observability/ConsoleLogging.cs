using Microsoft.Extensions.Logging.Console;

namespace SlackFeedbackBot.Observability;

/// <summary>
/// The console log: one line per entry, in the format <c>Logging:Console:FormatterName</c> names (<c>simple</c>, the
/// default: <c>HH:mm:ss info: Category[0] message</c>; <c>json</c>: one JSON object per line, for a log collector;
/// <c>systemd</c>: with syslog priority prefixes for the journal). Formatter options under
/// <c>Logging:Console:FormatterOptions</c> are honoured; the defaults set here only fill what they leave out.
/// </summary>
public static class ConsoleLogging
{
    public static ILoggingBuilder AddBotConsole(this ILoggingBuilder logging)
    {
        // AddConsole binds Logging:Console (FormatterName among it); AddSimpleConsole would force the simple formatter.
        logging.AddConsole();

        // Without a name the console logger falls back to its obsolete options and ignores the formatter options below.
        logging.Services.PostConfigure<ConsoleLoggerOptions>(o => o.FormatterName ??= ConsoleFormatterNames.Simple);
        logging.Services.Configure<SimpleConsoleFormatterOptions>(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat ??= "HH:mm:ss ";
        });
        logging.Services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            o.TimestampFormat ??= "yyyy-MM-ddTHH:mm:ss.fffZ";
            o.UseUtcTimestamp = true;
        });
        return logging;
    }
}
