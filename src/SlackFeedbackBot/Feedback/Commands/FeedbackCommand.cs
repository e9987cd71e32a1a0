using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// <c>/feedback</c>: with text, captures it; with nothing, opens the modal; with a subcommand name, routes to it
/// through a dictionary. A lone word that is no subcommand gets the help reply instead of becoming feedback.
/// </summary>
public sealed class FeedbackCommand(
    IEnumerable<IFeedbackSubcommand> subcommands,
    CaptureFromCommand capture,
    FeedbackModals modals,
    ISlackApiClient slack,
    IOptions<FeedbackOptions> options,
    ILogger<FeedbackCommand> log) : ISlashCommandHandler
{
    public const string Name = "/feedback";

    private readonly Dictionary<string, IFeedbackSubcommand> _subcommands = subcommands.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);

    public async Task<SlackMessage?> HandleAsync(SlashCommand command, CancellationToken ct)
    {
        var text = command.Text.Trim();
        if (text.Length == 0)
        {
            return await OpenModalAsync(command, ct);
        }

        var parts = text.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        var word = parts[0];
        if (_subcommands.TryGetValue(word, out var subcommand))
        {
            return await subcommand.RunAsync(command, parts.Length > 1 ? parts[1] : "", ct);
        }

        if (word.Equals("help", StringComparison.OrdinalIgnoreCase) || word == "?" || (parts.Length == 1 && word.All(char.IsLetter)))
        {
            return Help(word.Equals("help", StringComparison.OrdinalIgnoreCase) || word == "?" ? null : word);
        }

        return await capture.RunAsync(command with { Text = text }, ct);
    }

    private async Task<SlackMessage?> OpenModalAsync(SlashCommand command, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(command.TriggerId))
        {
            return Help(null);
        }

        try
        {
            await slack.OpenViewAsync(command.TriggerId, modals.New(), ct);
            return null;
        }
        catch (SlackApiException ex)
        {
            log.LogWarning("Could not open the feedback modal for {User}: {Error}", command.UserId, ex.ErrorCode);
            return SlackMessage.Ephemeral("I could not open the feedback form just now. You can write it straight away instead: `/feedback customer:Acme How do I export my data?`");
        }
    }

    private SlackMessage Help(string? unknown)
    {
        var help = new StringBuilder();
        if (unknown is not null)
        {
            help.Append($"I don't know `/feedback {unknown}`. To record feedback, write what the customer said: `/feedback How do I {unknown}…?`\n\n");
        }

        help.Append("*Capture feedback*\n");
        help.Append("`/feedback How do I export to Excel?`: save what a customer said (I classify it)\n");
        help.Append("`/feedback customer:\"Big Co\" source:sales importance:high Can I pay yearly?`: with context (`customer:`, `source:`, `importance:`, `link:`; quote values with spaces)\n");
        help.Append("`/feedback`: open a form\n");
        help.Append($"You can also react with :{options.Value.CaptureReactionName}: to a message, or use the *Capture as feedback* message shortcut.\n\n*Work with feedback*\n");
        foreach (var subcommand in _subcommands.Values)
        {
            help.Append(subcommand.Usage).Append('\n');
        }

        help.Append("`/feedback help`: this help");
        return SlackMessage.Ephemeral(help.ToString());
    }
}
