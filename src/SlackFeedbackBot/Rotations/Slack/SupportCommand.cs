using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary>
/// <c>/support</c>: nothing shows who is on; text a subcommand takes runs it; any other text gets the closest
/// subcommand with its usage, and the text back to fix and send again.
/// </summary>
public sealed class SupportCommand(IEnumerable<ISupportSubcommand> subcommands, ILogger<SupportCommand> log) : ISlashCommandHandler
{
    public const string Command = "/support";

    private readonly SubcommandRouter _router = new(Command, subcommands);

    public async Task<SlackMessage?> HandleAsync(SlashCommand command, CancellationToken ct)
    {
        var text = command.Text.Trim();
        if (_router.Route(text.Length == 0 ? NowSubcommand.SubcommandName : text) is not { } route)
        {
            return _router.NotUnderstood(text);
        }

        try
        {
            return await route.Run(command, ct);
        }
        catch (SlackApiException ex)
        {
            log.LogWarning("/support {Subcommand} failed at Slack ({Error})", route.Subcommand.Name, ex.ErrorCode);
            return SlackMessage.Ephemeral($"Slack refused part of that ({ex.ErrorCode}); please try again in a moment.");
        }
    }
}
