using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary><c>/support</c>: routes the first word to its subcommand through a dictionary; nothing or "now" shows who is on; anything else gets the help.</summary>
public sealed class SupportCommand(IEnumerable<ISupportSubcommand> subcommands, ILogger<SupportCommand> log) : ISlashCommandHandler
{
    public const string Command = "/support";

    private readonly Dictionary<string, ISupportSubcommand> _byName =
        subcommands.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);

    public async Task<SlackMessage?> HandleAsync(SlashCommand command, CancellationToken ct)
    {
        var text = command.Text.Trim();
        var space = text.IndexOf(' ');
        var name = space < 0 ? text : text[..space];
        var arguments = space < 0 ? "" : text[(space + 1)..].Trim();
        if (name.Length == 0)
        {
            name = NowSubcommand.SubcommandName;
        }

        if (!_byName.TryGetValue(name, out var subcommand))
        {
            subcommand = _byName[HelpSubcommand.SubcommandName];
            arguments = name;
        }

        try
        {
            return await subcommand.RunAsync(new SupportRequest(command, arguments), ct);
        }
        catch (SlackApiException ex)
        {
            log.LogWarning("/support {Subcommand} failed at Slack ({Error})", subcommand.Name, ex.ErrorCode);
            return SlackMessage.Ephemeral($"Slack refused part of that ({ex.ErrorCode}); please try again in a moment.");
        }
    }
}
