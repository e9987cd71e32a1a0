using System.CommandLine;
using SlackFeedbackBot.Rotations;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Cli;

/// <summary><c>rotation show &lt;name&gt;</c> and <c>rotation ics &lt;name&gt; [--member ana|U123]</c>; people by name (<see cref="CliPeopleNames"/>).</summary>
public static class RotationCommand
{
    public static Command Create(BotConsole console)
    {
        var rotation = new Command("rotation", "Look at a support rotation: its upcoming shifts, or its calendar as ICS.");

        var db = BotCommandLine.DbOption();
        var name = new Argument<string>("name") { Description = "The rotation's name." };
        var show = new Command("show", "Print the rotation's upcoming shifts.") { name, db };
        show.SetAction((result, ct) => CliServices.RunAsync(console, result.GetValue(db), services =>
            RotationCli.ShowAsync(services.GetRequiredService<Database>(), result.GetValue(name)!, console.Out, names: CliPeopleNames.For(services), ct: ct)));
        rotation.Add(show);

        var icsDb = BotCommandLine.DbOption();
        var icsName = new Argument<string>("name") { Description = "The rotation's name." };
        var member = new Option<string?>("--member") { Description = "Only this person's shifts (their name or Slack user id)." };
        var ics = new Command("ics", "Print the rotation's shifts as an iCalendar feed (Google Calendar, Outlook).") { icsName, member, icsDb };
        ics.SetAction((result, ct) => CliServices.RunAsync(console, result.GetValue(icsDb), services => RotationCli.IcsAsync(
            services.GetRequiredService<Database>(), result.GetValue(icsName)!, result.GetValue(member), console.Out, error: console.Error,
            names: CliPeopleNames.For(services), ct: ct)));
        rotation.Add(ics);
        return rotation;
    }
}
