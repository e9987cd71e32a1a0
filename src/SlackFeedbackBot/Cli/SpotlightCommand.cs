using System.CommandLine;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Cli;

/// <summary><c>spotlight rules</c>: every rule the classifier uses, built-in, configured and added in Slack (with who and when).</summary>
public static class SpotlightCommand
{
    public static Command Create(BotConsole console)
    {
        var db = BotCommandLine.DbOption();
        var rules = new Command("rules", "List every Spotlight rule in the order it is tried: built-in, configured, and added in Slack (who added it, when, from which item).") { db };
        rules.SetAction((result, ct) => CliServices.RunAsync(console, result.GetValue(db), services =>
        {
            SpotlightRuleList.Write(SpotlightRuleList.From(services.GetRequiredService<SpotlightRuleSet>()), console.Out);
            return Task.FromResult(0);
        }));
        return new Command("spotlight", "The Spotlight rules.") { rules };
    }
}
