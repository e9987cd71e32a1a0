using System.Text;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary><c>/feedback help</c> (or <c>?</c>) with nothing after it; "Help me find the export button" is feedback.</summary>
public sealed class FeedbackHelpSubcommand(IServiceProvider services, IOptions<FeedbackOptions> options) : Subcommand<NoArguments>, IFeedbackSubcommand
{
    public const string SubcommandName = "help";

    public override string Name => SubcommandName;

    public override IReadOnlyList<string> Aliases => ["?"];

    public override string Usage => "`/feedback help`: this help";

    public override NoArguments? TryParse(string arguments) => NoArguments.From(arguments);

    // Resolved lazily: the help lists every subcommand, itself included.
    public override Task<SlackMessage?> RunAsync(SlashCommand command, NoArguments arguments, CancellationToken ct) =>
        Task.FromResult<SlackMessage?>(FeedbackHelp.Render(services.GetServices<IFeedbackSubcommand>(), options.Value, null));
}

/// <summary>The /feedback help text: how to capture, then every subcommand's usage line.</summary>
public static class FeedbackHelp
{
    /// <param name="before">A sentence that comes first (e.g. about a word that is no subcommand), or null.</param>
    public static SlackMessage Render(IEnumerable<ISubcommand> subcommands, FeedbackOptions options, string? before)
    {
        var help = new StringBuilder();
        if (before is not null)
        {
            help.Append(before).Append("\n\n");
        }

        help.Append("*Capture feedback*\n");
        help.Append("`/feedback How do I export to Excel?`: save what a customer said (I classify it)\n");
        help.Append("`/feedback customer:\"Big Co\" source:sales importance:high Can I pay yearly?`: with context (`customer:`, `source:`, `importance:`, `link:`; quote values with spaces)\n");
        help.Append("`/feedback Can I pay yearly? why: their budget is set once a year`: why it matters to them (`why:` takes the rest, or quote it)\n");
        help.Append("`/feedback`: open a form\n");
        help.Append("`@feedback-bot How do I export?` in a channel: save the message, with a link back to it\n");
        // Slack sends the bot no reactions from channels it is not in, so the bot cannot answer those: say it here.
        help.Append($"You can also react with :{options.CaptureReactionName}: to a message in a channel I'm in (elsewhere I don't see it: invite me with `/invite @feedback-bot`), or use the *Capture as feedback* message shortcut, which works anywhere.\n");
        help.Append("Text that starts like a command (`Show me…`, `Search is…`) is saved as feedback unless it fits the command.\n\n*Work with feedback*\n");
        var all = subcommands.ToList();
        foreach (var subcommand in all.Where(s => s.Name != FeedbackHelpSubcommand.SubcommandName))
        {
            help.Append(subcommand.Usage).Append('\n');
        }

        help.Append(all.FirstOrDefault(s => s.Name == FeedbackHelpSubcommand.SubcommandName)?.Usage ?? "`/feedback help`: this help");
        return SlackMessage.Ephemeral(help.ToString());
    }
}
