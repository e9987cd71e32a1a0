using SlackFeedbackBot.Hosting;

namespace SlackFeedbackBot.Cli;

/// <summary>What one run of the executable sees of its process: the environment it reads settings from, and its standard streams.</summary>
public sealed record BotConsole(BotEnvironment Environment, TextReader In, TextWriter Out, TextWriter Error)
{
    public static BotConsole OfThisProcess() => new(BotEnvironment.OfThisProcess(), Console.In, Console.Out, Console.Error);
}
