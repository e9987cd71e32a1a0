using System.CommandLine;

namespace SlackFeedbackBot.Cli;

/// <summary>One run of the executable: the command line, parsed and carried out against <paramref name="console"/>; returns the exit code.</summary>
public static class BotCli
{
    public static Task<int> RunAsync(string[] args, BotConsole console, CancellationToken ct = default) =>
        BotCommandLine.Create(console).Parse(args).InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error }, ct);
}
