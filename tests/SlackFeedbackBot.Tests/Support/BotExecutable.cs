using System.Collections.Concurrent;
using System.Diagnostics;

namespace SlackFeedbackBot.Tests.Support;

/// <summary>
/// Runs the built SlackFeedbackBot.dll as a process, in a directory of the test's own, with the given environment,
/// and kills it (with its children) when it outlives the timeout.
/// </summary>
public sealed class BotExecutable : IAsyncDisposable
{
    private static readonly string[] InheritedSettings = ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "DOTNET_ENVIRONMENT", "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS"];

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _error = new();
    private readonly TaskCompletionSource _outputDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private event Action<string>? Line;

    private BotExecutable(Process process) => _process = process;

    public int Id => _process.Id;

    public string Output => string.Join(Environment.NewLine, _output);

    public string Error => string.Join(Environment.NewLine, _error);

    /// <summary>Every line written to stdout so far.</summary>
    public IReadOnlyList<string> OutputLines => [.. _output];

    public static BotExecutable Start(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params IEnumerable<string> args)
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

        // Settings from the machine running the tests must not leak into the bot under test.
        foreach (var name in InheritedSettings.Concat(start.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal))).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        // A child lives seconds: profiling its methods for a later, faster compile costs more CPU than it saves
        // (bench/child-process-jit.sh: about 1.2 s of CPU per process with the defaults, about 1.05 s without).
        start.Environment["DOTNET_TieredPGO"] = "0";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var bot = new BotExecutable(process);
        process.OutputDataReceived += (_, e) => bot.Receive(e.Data, bot._output, bot._outputDone);
        process.ErrorDataReceived += (_, e) => bot.Receive(e.Data, bot._error, bot._errorDone);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bot;
    }

    /// <summary>Runs to the end; fails the test when the process is still running after <paramref name="timeout"/>.</summary>
    public static async Task<(int Code, string Output, string Error)> RunAsync(
        string workingDirectory, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, params IEnumerable<string> args)
    {
        await using var bot = Start(workingDirectory, environment, args);
        var code = await bot.WaitForExitAsync(timeout);
        return (code, bot.Output, bot.Error);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            await Task.WhenAll(_outputDone.Task, _errorDone.Task).WaitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"The bot did not exit within {timeout}.\nstdout:\n{Output}\nstderr:\n{Error}");
        }

        return _process.ExitCode;
    }

    /// <summary>Waits for a line of output (stdout or stderr) that satisfies <paramref name="match"/>.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(string line)
        {
            if (match(line))
            {
                found.TrySetResult(line);
            }
        }

        Line += Check;
        try
        {
            foreach (var line in _output.Concat(_error))
            {
                Check(line);
            }

            var exited = _process.WaitForExitAsync();
            var first = await Task.WhenAny(found.Task, exited, Task.Delay(timeout));
            if (first != found.Task)
            {
                Assert.Fail($"No matching line {(first == exited ? "before the bot exited" : $"within {timeout}")}.\nstdout:\n{Output}\nstderr:\n{Error}");
            }

            return await found.Task;
        }
        finally
        {
            Line -= Check;
        }
    }

    /// <summary>Ends the process at once, as a crash or `kill -9` would: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Sends SIGTERM, as systemd, Docker or Kubernetes stop a service, and waits for the process to exit.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            await kill.WaitForExitAsync();
            Assert.That(kill.ExitCode, Is.Zero, $"kill -TERM {_process.Id}");
        }

        return await WaitForExitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private void Receive(string? line, ConcurrentQueue<string> lines, TaskCompletionSource done)
    {
        if (line is null)
        {
            done.TrySetResult();
            return;
        }

        lines.Enqueue(line);
        Line?.Invoke(line);
    }
}
