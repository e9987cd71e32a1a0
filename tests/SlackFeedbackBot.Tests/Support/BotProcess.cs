using System.Diagnostics;
using System.Text.RegularExpressions;
using SlackFeedbackBot.Emulator;

namespace SlackFeedbackBot.Tests.Support;

/// <summary>The bot as a separate process (the built SlackFeedbackBot.dll), so a test can kill it for real.</summary>
public sealed partial class BotProcess : IAsyncDisposable
{
    private readonly Process _process;

    private BotProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public static async Task<BotProcess> StartHttpModeAsync(SlackEmulator slack, string databasePath)
    {
        var start = StartInfo(Path.GetDirectoryName(databasePath)!, HttpModeArgs(slack, databasePath));
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the bot process.");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            if (ListeningOn().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value + "/"));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return new BotProcess(process, address);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The bot process did not start listening:\n" + string.Join('\n', output));
        }
    }

    /// <summary>Runs the bot executable with these arguments until it exits by itself; returns its exit code and every line it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(string workingDirectory, params string[] args)
    {
        using var process = Process.Start(StartInfo(workingDirectory, args)) ?? throw new InvalidOperationException("Could not start the bot process.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The bot process did not exit:\n" + await stdout + await stderr);
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    public static string[] HttpModeArgs(SlackEmulator slack, string databasePath) =>
    [
        "run",
        "--urls", "http://127.0.0.1:0",
        "--Slack:Mode=Http",
        $"--Slack:ApiBaseUrl={slack.ApiBaseUrl}",
        $"--Slack:BotToken={slack.BotToken}",
        $"--Slack:SigningSecret={slack.SigningSecret}",
        $"--Storage:DatabasePath={databasePath}",
        "--LocalMode:Enabled=false",
    ];

    private static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SlackFeedbackBot.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>Ends the process at once, as a crash or `kill -9` would: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://[0-9.:]+)")]
    private static partial Regex ListeningOn();
}
