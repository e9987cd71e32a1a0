using System.Diagnostics;

namespace SlackFeedbackBot.Tests.Support;

/// <summary>One run of the built executable (SlackFeedbackBot.dll) as its own process: exit code, standard output and error.</summary>
public static class CliRun
{
    public sealed record Result(int Code, string Out, string Error);

    /// <summary>Runs the command and waits for it to exit; a run still going after <paramref name="timeout"/> is killed and fails the test.</summary>
    public static async Task<Result> RunAsync(string workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
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

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{string.Join(' ', args)}' did not exit in time");
        }

        return new Result(process.ExitCode, await output, await error);
    }
}
