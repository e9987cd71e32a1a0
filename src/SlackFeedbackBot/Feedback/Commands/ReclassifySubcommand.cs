using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary><c>/feedback reclassify N bucket</c>: moves an item to another bucket, recording who did it, and offers the rule that would have put it there.</summary>
public sealed class ReclassifySubcommand(FeedbackService service, FeedbackPermissions permissions, RuleProposalOffer rules) : Subcommand<ItemArguments>, IFeedbackSubcommand
{
    public override string Name => "reclassify";

    public override string Usage => "`/feedback reclassify 12 product_marketing`: move item 12 to another bucket";

    public override ItemArguments? TryParse(string arguments) => ItemArguments.Parse(arguments);

    public override async Task<SlackMessage?> RunAsync(SlashCommand command, ItemArguments arguments, CancellationToken ct)
    {
        if (arguments is not { Id: { } id, Rest: { Length: > 0 } bucket })
        {
            return SlackMessage.Refused($"Write the item number and the bucket: `/feedback reclassify 12 product_marketing`. Valid buckets: {service.Buckets.ValidList()}.");
        }

        if (await permissions.RefusalAsync(id, command.UserId, "reclassify", ct) is { } refusal)
        {
            return SlackMessage.Refused(refusal);
        }

        var outcome = service.Reclassify(id, bucket, command.UserId);
        if (outcome.Item is not { } item)
        {
            return SlackMessage.Refused(outcome.Problem!);
        }

        var proposal = await rules.OfferAsync(item, command.UserId, ct);
        return SlackMessage.Ephemeral($":label: Feedback #{item.Id} is now in *{service.Buckets.Display(item.Bucket)}*.{(proposal is null ? "" : "\n" + proposal)}");
    }
}
