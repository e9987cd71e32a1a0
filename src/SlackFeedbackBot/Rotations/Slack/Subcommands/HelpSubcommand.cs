using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary><c>/support help</c>, and the answer to any unknown subcommand.</summary>
public sealed class HelpSubcommand(IServiceProvider services) : ISupportSubcommand
{
    public const string SubcommandName = "help";

    public string Name => SubcommandName;

    public string Usage => "`/support help`: this list";

    public Task<SlackMessage?> RunAsync(SupportRequest request, CancellationToken ct)
    {
        // Resolved lazily: the help lists every subcommand, itself included.
        var all = services.GetServices<ISupportSubcommand>();
        var unknown = string.IsNullOrWhiteSpace(request.Arguments) || request.Arguments.Equals(SubcommandName, StringComparison.OrdinalIgnoreCase)
            ? ""
            : $"I don't know `/support {request.Arguments}`. ";
        var text = $"{unknown}Everyone does support. Commands:\n" + string.Join("\n", all.Select(s => "• " + s.Usage)) +
            "\nSettings for create/edit: " + string.Join(", ", RotationSettingsText.Keys) +
            ", e.g. `shift=1h cadence=1/month people=2 hours=09:00-17:00 days=mon-fri tz=Europe/Berlin reminders=24h,1h,10m nudge=5m escalate=30m topic=on usergroup=S0123`.";
        return Task.FromResult<SlackMessage?>(SlackMessage.Ephemeral(text));
    }
}
