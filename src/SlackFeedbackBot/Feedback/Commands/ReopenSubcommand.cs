using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary><c>/feedback reopen N</c>: opens a resolved item again; resolving it later tells its reporters again.</summary>
public sealed class ReopenSubcommand(FeedbackResolver resolver, FeedbackPermissions permissions) : Subcommand<ItemArguments>, IFeedbackSubcommand
{
    public override string Name => "reopen";

    public override string Usage => "`/feedback reopen 12`: open item 12 again (resolving it later tells its reporters again)";

    public override ItemArguments? TryParse(string arguments) => ItemArguments.Parse(arguments);

    public override async Task<SlackMessage?> RunAsync(SlashCommand command, ItemArguments arguments, CancellationToken ct)
    {
        if (arguments is not { Id: { } id })
        {
            return SlackMessage.Refused("Write the item number: `/feedback reopen 12`");
        }

        if (await permissions.RefusalAsync(id, command.UserId, "reopen", ct) is { } refusal)
        {
            return SlackMessage.Refused(refusal);
        }

        return resolver.Reopen(id) is { } problem
            ? SlackMessage.Refused(problem)
            : SlackMessage.Ephemeral($":arrows_counterclockwise: Feedback #{id} is open again. When it is resolved, its reporters are told again.");
    }
}
