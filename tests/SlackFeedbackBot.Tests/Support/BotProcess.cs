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

    public static async Task<BotProcess> StartHttpModeAsync(SlackEmulator slack, string databasePath)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(databasePath)!,
        };
        foreach (var arg in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "SlackFeedbackBot.dll"), "run",
                     "--urls", "http://127.0.0.1:0",
                     "--Slack:Mode=Http",
                     $"--Slack:ApiBaseUrl={slack.ApiBaseUrl}",
                     $"--Slack:BotToken={slack.BotToken}",
                     $"--Slack:SigningSecret={slack.SigningSecret}",
                     $"--Storage:DatabasePath={databasePath}",
                     "--LocalMode:Enabled=false",
                 })
        {
            start.ArgumentList.Add(arg);
        }

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
