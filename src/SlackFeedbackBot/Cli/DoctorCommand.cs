using System.CommandLine;

namespace SlackFeedbackBot.Cli;

public static class DoctorCommand
{
    public static Command Create()
    {
        var db = BotCommandLine.DbOption();
        var command = new Command("doctor", "Check the configuration, the database, the Slack tokens and their scopes; print what is wrong and how to fix it.") { db };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, ct) => new BotDoctor(Console.Out).RunAsync(BotCommandLine.HostArgs(result, db), null, ct));
        return command;
    }
}
