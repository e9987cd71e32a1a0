using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary><c>/feedback same N their words [customer:X]</c>: "me too", recorded as another conversation, not a vote.</summary>
public sealed class SameSubcommand(FeedbackService service) : IFeedbackSubcommand
{
    public string Name => "same";

    public string Usage => "`/feedback same 12 They can't find export either customer:Globex`: another customer said the same, in their words";

    public async Task<SlackMessage> RunAsync(SlashCommand command, string arguments, CancellationToken ct)
    {
        if (!ItemNumber.TrySplit(arguments, out var id, out var rest))
        {
            return SlackMessage.Ephemeral("Write the item number, then what your customer said: `/feedback same 12 They can't find export either customer:Globex`");
        }

        var fields = InlineFields.Parse(rest);
        if (fields.Error is not null)
        {
            return SlackMessage.Ephemeral(fields.Error);
        }

        var outcome = await service.AddSameAsync(id, command.UserId, fields.Text, fields.Customer, ct);
        if (outcome.Item is not { } item)
        {
            return SlackMessage.Ephemeral(outcome.Problem!);
        }

        var reports = service.Show(item.Id)!.Reports.Count;
        return SlackMessage.Ephemeral($":speech_balloon: Added to feedback #{item.Id}{(fields.Customer is null ? "" : $" for {fields.Customer}")}; it has {reports} reports now.");
    }
}
