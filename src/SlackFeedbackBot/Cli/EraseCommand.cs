using System.CommandLine;
using System.Text.RegularExpressions;
using SlackFeedbackBot.Privacy;

namespace SlackFeedbackBot.Cli;

/// <summary>
/// `erase --user U… | --customer NAME`: a data-deletion request. Each feature removes the subject's words from its own
/// tables (<see cref="IPersonalDataEraser"/>); the command shows what would go, asks, then removes it and says what went.
/// </summary>
public static partial class EraseCommand
{
    public static Command Create(BotConsole console)
    {
        var db = BotCommandLine.DbOption();
        var user = new Option<string?>("--user") { Description = "The Slack user id (U…) whose reports and words are removed." };
        var customer = new Option<string?>("--customer") { Description = "The customer name (any case) whose feedback is removed." };
        var yes = new Option<bool>("--yes") { Description = "Do not ask before removing." };
        var command = new Command("erase", "Remove a person's or a customer's feedback and words, for a data-deletion request.") { db, user, customer, yes };
        command.SetAction((result, ct) =>
        {
            if (Subject(console, result.GetValue(user), result.GetValue(customer)) is not { } subject)
            {
                return Task.FromResult(1);
            }

            return CliServices.RunAsync(console, result.GetValue(db), services => RunAsync(services, subject, result.GetValue(yes), console.In, console.Out, ct));
        });
        return command;
    }

    private static ErasureSubject? Subject(BotConsole console, string? user, string? customer)
    {
        if (string.IsNullOrWhiteSpace(user) == string.IsNullOrWhiteSpace(customer))
        {
            console.Error.WriteLine("Give either --user U0123ABCD or --customer NAME (one of them).");
            return null;
        }

        if (user is not null && !UserId().IsMatch(user.Trim()))
        {
            console.Error.WriteLine($"\"{Shown(user)}\" is not a Slack user id; give it like --user U0123ABCD (the profile's ⋮ menu > Copy member ID).");
            return null;
        }

        return user is not null ? ErasureSubject.ForUser(user) : ErasureSubject.ForCustomer(customer!);
    }

    internal static async Task<int> RunAsync(IServiceProvider services, ErasureSubject subject, bool yes, TextReader input, TextWriter output, CancellationToken ct)
    {
        var erasers = services.GetServices<IPersonalDataEraser>().ToList();
        if (!yes)
        {
            var plan = new List<ErasureReport>();
            foreach (var eraser in erasers)
            {
                plan.Add(await eraser.EraseAsync(subject, apply: false, ct));
            }

            if (plan.Sum(p => p.Total) == 0)
            {
                output.WriteLine($"Nothing is stored for {Shown(subject.ToString())}; nothing was removed.");
                return 0;
            }

            output.WriteLine($"This removes, for {Shown(subject.ToString())}:");
            Write(plan, output);
            output.Write("Type yes to remove it for good: ");
            if (!string.Equals(input.ReadLine()?.Trim(), "yes", StringComparison.OrdinalIgnoreCase))
            {
                output.WriteLine("Nothing was removed (answer yes, or pass --yes).");
                return 1;
            }
        }

        var done = new List<ErasureReport>();
        foreach (var eraser in erasers)
        {
            done.Add(await eraser.EraseAsync(subject, apply: true, ct));
        }

        output.WriteLine($"Removed, for {Shown(subject.ToString())}:");
        Write(done, output);
        output.WriteLine("Slack requests and messages the bot keeps for retries go by themselves within Slack:HandledRetention and Slack:Outbox:KeepFinished; backups made before now still hold the data.");
        return 0;
    }

    private static void Write(IEnumerable<ErasureReport> reports, TextWriter output)
    {
        foreach (var report in reports)
        {
            foreach (var line in report.Lines)
            {
                output.WriteLine($"  {report.Feature}: {line}");
            }
        }
    }

    private static string Shown(string text) => new(text.Where(c => !char.IsControl(c)).Take(80).ToArray());

    [GeneratedRegex("^[UW][A-Z0-9]{2,}$")]
    private static partial Regex UserId();
}
