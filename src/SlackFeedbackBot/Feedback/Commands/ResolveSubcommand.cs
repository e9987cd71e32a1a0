using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary><c>/feedback resolve N what changed</c>: closes the loop, telling every reporter in a DM.</summary>
public sealed class ResolveSubcommand(FeedbackResolver resolver, FeedbackPermissions permissions) : Subcommand<ItemArguments>, IFeedbackSubcommand
{
    public override string Name => "resolve";

    public override string Usage => "`/feedback resolve 12 Export now on the dashboard`: mark item 12 done and tell everyone who reported it";

    public override ItemArguments? TryParse(string arguments) => ItemArguments.Parse(arguments);

    public override async Task<SlackMessage?> RunAsync(SlashCommand command, ItemArguments arguments, CancellationToken ct)
    {
        if (arguments is not { Id: { } id, Rest: var whatChanged })
        {
            return SlackMessage.Refused("Write the item number and what changed: `/feedback resolve 12 Export now on the dashboard`");
        }

        if (await permissions.RefusalAsync(id, command.UserId, "resolve", ct) is { } refusal)
        {
            return SlackMessage.Refused(refusal);
        }

        var outcome = await resolver.ResolveAsync(id, command.UserId, whatChanged, ct);
        if (outcome.Problem is not null)
        {
            return SlackMessage.Refused(outcome.Problem);
        }

        var parts = new List<string> { $":tada: Feedback #{id} is resolved." };
        parts.Add(outcome.Told switch
        {
            0 when outcome.AlreadyTold == 0 => "Nobody to tell: it has no reporters in Slack.",
            0 => "Nobody new to tell.",
            1 => "I told its reporter in a DM.",
            _ => $"I told its {outcome.Told} reporters in DMs.",
        });
        if (outcome.AlreadyTold > 0)
        {
            parts.Add($"{outcome.AlreadyTold} had been told before.");
        }

        return SlackMessage.Ephemeral(string.Join(' ', parts));
    }
}
