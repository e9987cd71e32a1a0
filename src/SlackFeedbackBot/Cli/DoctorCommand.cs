using System.CommandLine;

namespace SlackFeedbackBot.Cli;

public static class DoctorCommand
{
    public static Command Create(BotConsole console)
    {
        var db = BotCommandLine.DbOption();
        var command = new Command("doctor", "Check the configuration, the database, the Slack tokens and their scopes; print what is wrong and how to fix it.") { db };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, ct) => new BotDoctor(console.Out, console.Environment).RunAsync(BotCommandLine.HostArgs(result, db), null, ct));
        return command;
    }
}
