using System.Globalization;
using Microsoft.Extensions.Logging;

namespace SlackFeedbackBot.Emulator;

/// <summary>Runs the emulator on its own with the demo workspace: `dotnet run --project src/SlackFeedbackBot.Emulator [--port 3939] [--record FILE]`.</summary>
public static class EmulatorProgram
{
    public const int DefaultPort = 3939;

    // Fixed so a bot configured once keeps working across restarts; this Slack only listens on loopback.
    public const string StandaloneBotToken = "xoxb-0000000000-0000000000000-emulatorbottoken000000";
    public const string StandaloneAppToken = "xapp-1-A0EMU00001-0000000000000-emulatorapptoken";
    public const string StandaloneSigningSecret = "0123456789abcdef0123456789abcdef";

    public static async Task<int> Main(string[] args)
    {
        const string usage = "Usage: SlackFeedbackBot.Emulator [--port <0-65535>] [--record FILE]   (port: default 3939, 0 = any free port; FILE: JSONL of all traffic)";
        var port = DefaultPort;
        var portIndex = Array.IndexOf(args, "--port");
        if (portIndex >= 0 && (portIndex + 1 >= args.Length || !int.TryParse(args[portIndex + 1], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535))
        {
            Console.Error.WriteLine(usage);
            return 2;
        }

        string? recordPath = null;
        var recordIndex = Array.IndexOf(args, "--record");
        if (recordIndex >= 0)
        {
            if (recordIndex + 1 >= args.Length || args[recordIndex + 1].StartsWith("--", StringComparison.Ordinal))
            {
                Console.Error.WriteLine(usage);
                return 2;
            }

            recordPath = args[recordIndex + 1];
            try
            {
                // Checked here so a bad path gets a plain answer, not a bind error or a stack trace.
                var directory = Path.GetDirectoryName(Path.GetFullPath(recordPath));
                if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
                File.WriteAllText(recordPath, "");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                Console.Error.WriteLine($"Cannot record to {recordPath}: {e.Message}");
                return 2;
            }
        }

        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        SlackEmulator emulator;
        try
        {
            emulator = await SlackEmulator.StartAsync(new EmulatorOptions
            {
                Port = port,
                SeedDemoWorkspace = true,
                BotToken = StandaloneBotToken,
                AppToken = StandaloneAppToken,
                SigningSecret = StandaloneSigningSecret,
                LoggerFactory = loggerFactory,
                RecordPath = recordPath,
            }, stop.Token);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"Could not listen on 127.0.0.1:{port} ({e.Message}). Try another --port.");
            return 1;
        }

        await using (emulator)
        {
            Console.WriteLine($"""
                Slack emulator running (Ctrl+C to stop)
                  Web page:        {emulator.BaseUrl}
                  API base URL:    {emulator.ApiBaseUrl}
                  Bot token:       {emulator.BotToken}
                  App token:       {emulator.AppToken}   (Socket Mode)
                  Signing secret:  {emulator.SigningSecret}
                  Team / bot user: {emulator.TeamId} / {emulator.BotUserId}
                Configure the bot with Slack:ApiBaseUrl, Slack:BotToken, Slack:AppToken and Slack:SigningSecret set to these values.
                """);
            if (emulator.RecordPath is { } recording) Console.WriteLine($"  Recording to:    {recording}");
            try { await Task.Delay(Timeout.Infinite, stop.Token); }
            catch (OperationCanceledException) { Console.WriteLine("Stopping."); }
        }
        return 0;
    }
}
