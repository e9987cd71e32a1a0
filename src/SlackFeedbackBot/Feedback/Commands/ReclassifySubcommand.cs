using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary><c>/feedback reclassify N bucket</c>: moves an item to another bucket, recording who did it.</summary>
public sealed class ReclassifySubcommand(FeedbackService service) : Subcommand<ItemArguments>, IFeedbackSubcommand
{
    public override string Name => "reclassify";

    public override string Usage => "`/feedback reclassify 12 product_marketing`: move item 12 to another bucket";

    public override ItemArguments? TryParse(string arguments) => ItemArguments.Parse(arguments);

    public override Task<SlackMessage?> RunAsync(SlashCommand command, ItemArguments arguments, CancellationToken ct)
    {
        if (arguments is not { Id: { } id, Rest: { Length: > 0 } bucket })
        {
            return Task.FromResult<SlackMessage?>(SlackMessage.Ephemeral($"Write the item number and the bucket: `/feedback reclassify 12 product_marketing`. Valid buckets: {service.Buckets.ValidList()}."));
        }

        var outcome = service.Reclassify(id, bucket, command.UserId);
        return Task.FromResult<SlackMessage?>(SlackMessage.Ephemeral(outcome.Item is { } item
            ? $":label: Feedback #{item.Id} is now in *{service.Buckets.Display(item.Bucket)}*."
            : outcome.Problem!));
    }
}
