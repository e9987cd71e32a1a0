using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary><c>/feedback reclassify N bucket</c>: moves an item to another bucket, recording who did it.</summary>
public sealed class ReclassifySubcommand(FeedbackService service) : IFeedbackSubcommand
{
    public string Name => "reclassify";

    public string Usage => "`/feedback reclassify 12 product_marketing`: move item 12 to another bucket";

    public Task<SlackMessage> RunAsync(SlashCommand command, string arguments, CancellationToken ct)
    {
        if (!ItemNumber.TrySplit(arguments, out var id, out var bucket) || bucket.Length == 0)
        {
            return Task.FromResult(SlackMessage.Ephemeral($"Write the item number and the bucket: `/feedback reclassify 12 product_marketing`. Valid buckets: {service.Buckets.ValidList()}."));
        }

        var outcome = service.Reclassify(id, bucket, command.UserId);
        return Task.FromResult(SlackMessage.Ephemeral(outcome.Item is { } item
            ? $":label: Feedback #{item.Id} is now in *{service.Buckets.Display(item.Bucket)}*."
            : outcome.Problem!));
    }
}
