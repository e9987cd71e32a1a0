using System.CommandLine;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Cli;

/// <summary><c>classify "text"</c> prints the bucket and the rule; <c>classify --json</c> classifies JSON lines from stdin.</summary>
public static class ClassifyCommand
{
    public static Command Create(BotConsole console)
    {
        var db = BotCommandLine.DbOption();
        var text = new Argument<string?>("text") { Description = "The message to classify.", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Read one message per line on stdin; write one JSON object per line: {\"text\",\"bucket\",\"rule\"}." };
        var command = new Command("classify", "Classify text with the Spotlight rules from the configuration.") { text, json, db };
        command.SetAction((result, ct) => CliServices.RunAsync(console, result.GetValue(db), services =>
        {
            var cli = services.GetRequiredService<SpotlightCli>();
            if (result.GetValue(json))
            {
                cli.ClassifyJsonLines(console.In, console.Out);
                return Task.FromResult(0);
            }

            var value = result.GetValue(text);
            if (string.IsNullOrWhiteSpace(value))
            {
                console.Error.WriteLine("Nothing to classify. Usage: classify \"How do I export to Excel?\"  or  classify --json < messages.txt");
                return Task.FromResult(2);
            }

            return Task.FromResult(cli.ClassifyOne(value, console.Out));
        }));
        return command;
    }
}
