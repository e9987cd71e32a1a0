using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary><c>/support help</c> (or <c>?</c>), whatever follows it.</summary>
public sealed class HelpSubcommand(IServiceProvider services) : Subcommand<RawArguments>, ISupportSubcommand
{
    public const string SubcommandName = "help";

    public override string Name => SubcommandName;

    public override IReadOnlyList<string> Aliases => ["?"];

    public override string Usage => "`/support help`: this list";

    /// <summary>How create and edit settings are written; also shown when a /support text fits no subcommand.</summary>
    public static string SettingsLine =>
        "Settings for create/edit: " + string.Join(", ", RotationSettingsText.Keys) +
        ", e.g. `shift=1h cadence=1/month people=2 hours=09:00-17:00 days=mon-fri tz=Europe/Berlin reminders=24h,1h,10m nudge=5m escalate=30m topic=on usergroup=S0123`.";

    public override RawArguments? TryParse(string arguments) => SupportArguments.Any(arguments);

    public override Task<SlackMessage?> RunAsync(SlashCommand command, RawArguments arguments, CancellationToken ct)
    {
        // Resolved lazily: the help lists every subcommand, itself included.
        var all = services.GetServices<ISupportSubcommand>();
        var text = "Everyone does support. Commands:\n" + string.Join("\n", all.Select(s => "• " + s.Usage)) + "\n" + SettingsLine;
        return Task.FromResult<SlackMessage?>(SlackMessage.Ephemeral(text));
    }
}
