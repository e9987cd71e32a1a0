using System.CommandLine;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Cli;

/// <summary>
/// <c>spotlight rules</c>: every rule the classifier uses, built-in, configured and added in Slack (with who and when),
/// and the added ones removed since; <c>spotlight rules remove ID</c>: takes an added rule back, as <c>/feedback rules remove</c> does.
/// </summary>
public static class SpotlightCommand
{
    public const int Removed = 0;
    public const int NotRemoved = 1;

    public static Command Create(BotConsole console)
    {
        var db = BotCommandLine.DbOption();
        var rules = new Command("rules", "List every Spotlight rule in the order it is tried: built-in, configured, and added in Slack (who added it, when, from which item, its id), then the added ones removed since.") { db };
        rules.SetAction((result, ct) => CliServices.RunAsync(console, result.GetValue(db), services =>
        {
            SpotlightRuleList.Write(SpotlightRuleList.From(services.GetRequiredService<SpotlightRuleSet>()), console.Out);
            return Task.FromResult(0);
        }));

        var removeDb = BotCommandLine.DbOption();
        var id = new Argument<string>("id") { Description = "The id of a rule added in Slack, as `spotlight rules` lists it (last column)." };
        var by = new Option<string?>("--by") { Description = "Who removes it, as the history keeps it (default: your user name)." };
        var remove = new Command("remove", "Take a rule added in Slack back: it classifies nothing from now on and stays in the list as removed; items keep their bucket.") { id, by, removeDb };
        remove.SetAction((result, ct) => CliServices.RunAsync(console, result.GetValue(removeDb), services => Task.FromResult(Remove(
            services.GetRequiredService<RuleRemoval>(),
            result.GetValue(id) ?? "",
            result.GetValue(by) is { Length: > 0 } who ? who : $"{Environment.UserName} (command line)",
            services.GetRequiredService<TimeProvider>().GetUtcNow(),
            console.Out,
            console.Error))));
        rules.Add(remove);
        return new Command("spotlight", "The Spotlight rules.") { rules };
    }

    /// <returns><see cref="Removed"/>, or <see cref="NotRemoved"/> with one line on <paramref name="error"/> saying why and what to do.</returns>
    public static int Remove(RuleRemoval removal, string typed, string removedBy, DateTimeOffset now, TextWriter output, TextWriter error)
    {
        if (!ItemNumber.TryParse(typed, out var id))
        {
            error.WriteLine($"\"{typed.Trim()}\" is not a rule id: ids are whole numbers, as `spotlight rules` lists them in its last column (built-in and configured rules have none: they change in the Spotlight settings).");
            return NotRemoved;
        }

        var result = removal.Remove(id, removedBy, now);
        switch (result)
        {
            case { Outcome: SpotlightRuleRemovalOutcome.Removed, DryRun: { } dryRun }:
                output.WriteLine($"Removed rule {id}, {dryRun.Rule.RuleText} ({SpotlightRuleList.Added(dryRun.Rule)}): "
                    + (dryRun.Classified == 0 ? "it classified no items today." : $"the {dryRun.Classified} item(s) it classified keep their stored bucket; messages like them are classified without it from now on."));
                return Removed;
            case { Outcome: SpotlightRuleRemovalOutcome.AlreadyRemoved, Rule: { } rule }:
                error.WriteLine($"Rule {id}, {rule.RuleText}, was removed already by {rule.RemovedBy} on {rule.RemovedAt:yyyy-MM-dd HH:mm} UTC; `spotlight rules` lists the rules in use.");
                return NotRemoved;
            default:
                error.WriteLine($"There is no rule {id} added in Slack; `spotlight rules` lists their ids in its last column.");
                return NotRemoved;
        }
    }
}
