using SlackFeedbackBot.Cli;
using SlackFeedbackBot.Hosting;

namespace SlackFeedbackBot.Tests.Support;

/// <summary>
/// The executable's entry point (<see cref="BotCli"/>, what Program.Main calls) run inside the test process: the same
/// commands and exit codes as <see cref="BotExecutable"/>, without starting a runtime for each. The environment is a
/// dictionary of the test's own (the process's is shared by every test), and stdout and stderr are captured.
/// </summary>
public static class BotInProcess
{
    private static readonly IReadOnlyDictionary<string, string?> NoEnvironment = new Dictionary<string, string?>();
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Runs to the end; fails the test when the command is still running after a minute.</summary>
    public static async Task<(int Code, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new BotConsole(new BotEnvironment(environment), TextReader.Null, TextWriter.Synchronized(output), TextWriter.Synchronized(error));
        using var cancel = new CancellationTokenSource(Patience);
        int code;
        try
        {
            code = await BotCli.RunAsync(args, console, cancel.Token).WaitAsync(cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Assert.Fail($"`{string.Join(' ', args)}` did not end within {Patience}.\nstdout:\n{output}\nstderr:\n{error}");
            throw;
        }

        return (code, Trimmed(output), Trimmed(error));
    }

    /// <summary>As <see cref="BotProcess.RunToExitAsync"/>: the exit code and every line written, stdout first.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(params string[] args)
    {
        var (code, output, error) = await RunAsync(NoEnvironment, args);
        return (code, string.Join(Environment.NewLine, new[] { output, error }.Where(text => text.Length > 0)));
    }

    // BotExecutable collects lines and joins them, so neither has a trailing line break.
    private static string Trimmed(StringWriter writer) => writer.ToString().TrimEnd('\n', '\r');
}
