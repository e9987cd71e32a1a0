using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Digests;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// <c>/feedback</c>: with nothing, opens the modal; with text a subcommand takes (its name first, then arguments
/// that fit), runs it; any other text is feedback and is saved whole. Only a lone word that no subcommand takes
/// is too little to be feedback: it gets the help, with the subcommand it most likely meant.
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

    private readonly SubcommandRouter _router = new(Name, subcommands);

    public async Task<SlackMessage?> HandleAsync(SlashCommand command, CancellationToken ct)
    {
        var text = command.Text.Trim();
        if (text.Length == 0)
        {
            return await OpenModalAsync(command, ct);
        }

        if (_router.Route(text) is { } route)
        {
            // Every refusal of a subcommand gives the typed text back, here, so no subcommand has to remember it.
            return SubcommandRouter.WithTypedBack(await route.Run(command, ct), Name, command.Text);
        }

        if (CommandWords.Count(text) == 1 && text.All(char.IsLetter))
        {
            return LoneWord(text);
        }

        // "shwo 12", "lsit 7": a misspelt subcommand followed by a number is a command, not a customer's words.
        if (StartsWithNumber(CommandWords.SplitFirst(text).After) && _router.Misspelt(text, CaptureHint(CommandWords.SplitFirst(text).Word)) is { } misspelt)
        {
            return misspelt;
        }

        return await capture.RunAsync(command with { Text = text }, ct);
    }

    private async Task<SlackMessage?> OpenModalAsync(SlashCommand command, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(command.TriggerId))
        {
            return FeedbackHelp.Render(_router.Subcommands, options.Value, null);
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

    /// <summary>
    /// A lone word: a subcommand it names or nearly names gets its usage line (and the word back); a word close to
    /// nothing gets the whole help.
    /// </summary>
    private SlackMessage LoneWord(string word)
    {
        var shown = SlackText.Defuse(word);
        var closest = _router.Closest(word);
        if (closest is not null)
        {
            return _router.NotUnderstood(word, CaptureHint(word));
        }

        return FeedbackHelp.Render(_router.Subcommands, options.Value, $"I don't know `/feedback {shown}`.\n{CaptureHint(word)}");
    }

    private static string CaptureHint(string word) =>
        $"To record feedback, write what the customer said: `/feedback How do I {SlackText.Defuse(word)}…?`";

    private static bool StartsWithNumber(string text) =>
        ItemNumber.TryParse(CommandWords.SplitFirst(text).Word, out _) || int.TryParse(CommandWords.SplitFirst(text).Word, out _);
}
